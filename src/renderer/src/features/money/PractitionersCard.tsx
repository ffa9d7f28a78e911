import { useState } from 'react'
import type { Practitioner } from '../../../../shared/contract/money'
import { RpcError } from '../../../../shared/rpc'
import { usePractitioners, useSavePractitioner } from '../../api/money'
import { DoneNote, ErrorBanner } from '../../components/ErrorBanner'

/** What receipts say about each therapist, as health cash plans (Simplyhealth, Westfield) ask. */
export function PractitionersCard() {
  const list = usePractitioners()
  return (
    <section className="card stack" aria-labelledby="practitioners-title">
      <h2 className="card-title" id="practitioners-title">
        Practitioners on receipts
      </h2>
      {(list.data ?? []).map((p) => (
        <PractitionerForm key={p.therapistId} saved={p} />
      ))}
    </section>
  )
}

function PractitionerForm({ saved }: { saved: Practitioner }) {
  const save = useSavePractitioner()
  const [v, setV] = useState(saved)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const field = (key: 'qualification' | 'professionalBody' | 'membershipNumber', label: string) => (
    <div className="field">
      <label htmlFor={`pr-${key}-${v.therapistId}`}>{label}</label>
      <input
        id={`pr-${key}-${v.therapistId}`}
        maxLength={120}
        value={v[key]}
        onChange={(e) => setV({ ...v, [key]: e.target.value })}
      />
    </div>
  )
  return (
    <form
      className="stack"
      aria-label={`${saved.name} on receipts`}
      onSubmit={(e) => {
        e.preventDefault()
        setError(null)
        setDone(null)
        save
          .mutateAsync({
            therapistId: v.therapistId,
            professionalBody: v.professionalBody,
            membershipNumber: v.membershipNumber,
            qualification: v.qualification,
          })
          .then(() => setDone('Saved'))
          .catch((err: unknown) =>
            setError(err instanceof RpcError ? err.message : 'That did not work.'),
          )
      }}
    >
      <h3>{saved.name}</h3>
      <ErrorBanner message={error} />
      <div className="payment-row">
        {field('qualification', 'Qualification')}
        {field('professionalBody', 'Professional body')}
        {field('membershipNumber', 'Membership number')}
        <button type="submit" className="button secondary">
          Save
        </button>
        <DoneNote message={done} />
      </div>
    </form>
  )
}
