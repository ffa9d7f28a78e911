import { zodResolver } from '@hookform/resolvers/zod'
import { useBaseRevision } from '../../components/use-base-revision'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { retentionSettings } from '../../../../shared/contract/retention'
import { useEraseClient, useRetentionList, useUpdateRetention } from '../../api/retention'
import { DoneNote, ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { errorWords, useFormError } from '../../components/rpc-form-errors'
import { clientHref } from '../clients/client-route'
import { EraseConfirmDialog } from './EraseConfirmDialog'

const ukDay = (iso: string) => (iso ? iso.slice(0, 10).split('-').reverse().join('/') : '—')

/** Records kept longer than the clinic needs them: reviewed, then anonymised or deleted. */
export function RetentionSection() {
  const list = useRetentionList()
  const erase = useEraseClient()
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [asking, setAsking] = useState<{
    clientId: number
    name: string
    how: 'anonymise' | 'delete'
  } | null>(null)

  async function act({ clientId, name, how }: NonNullable<typeof asking>) {
    setError(null)
    try {
      await erase.mutateAsync({ clientId, how })
      setDone(how === 'anonymise' ? `Anonymised ${name}` : `Deleted ${name}`)
    } catch (e) {
      setError(errorWords(e))
    } finally {
      setAsking(null)
    }
  }

  return (
    <section className="card section" aria-labelledby="retention-title">
      <div className="card-head">
        <h2 id="retention-title">Records past retention</h2>
      </div>
      <p className="muted">
        Client records are kept for a number of years after the last treatment; for someone treated
        as a child, until their 25th birthday if that is later.
      </p>
      {list.data && <RetentionYearsForm years={list.data.years} revision={list.data.revision} />}
      <ErrorBanner message={error ?? (list.isError ? list.error.message : null)} />
      <DoneNote message={done} />
      {list.data && list.data.clients.length === 0 && (
        <p className="muted">No records are past their retention period.</p>
      )}
      {list.data && list.data.clients.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="group" aria-label="Records past retention">
          <table className="table">
            <caption className="visually-hidden">Records past their retention period</caption>
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Born</th>
                <th scope="col">Last treatment</th>
                <th scope="col">Kept until</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.clients.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a href={clientHref(c.id)}>{c.displayName}</a>
                  </td>
                  <td>{ukDay(c.dateOfBirth)}</td>
                  <td>{ukDay(c.lastTreatmentAt)}</td>
                  <td>
                    {ukDay(c.keepUntil)}
                    {c.child ? ' (25th birthday)' : ''}
                  </td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button secondary small"
                      aria-label={`Anonymise ${c.displayName}`}
                      onClick={() =>
                        setAsking({ clientId: c.id, name: c.displayName, how: 'anonymise' })
                      }
                    >
                      Anonymise
                    </button>{' '}
                    <button
                      type="button"
                      className="button danger small"
                      aria-label={`Delete ${c.displayName}`}
                      onClick={() =>
                        setAsking({ clientId: c.id, name: c.displayName, how: 'delete' })
                      }
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {asking && (
        <EraseConfirmDialog
          how={asking.how}
          name={asking.name}
          busy={erase.isPending}
          onConfirm={() => void act(asking)}
          onCancel={() => setAsking(null)}
        />
      )}
    </section>
  )
}

function RetentionYearsForm({ years, revision }: { years: number; revision: number }) {
  const update = useUpdateRetention()
  const base = useBaseRevision(revision)
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<{ years: number }>({ resolver: zodResolver(retentionSettings), values: { years } })
  const { formError, attempt } = useFormError({ setError, control })
  const [saved, setSaved] = useState<string | null>(null)
  const onSubmit = handleSubmit((values) =>
    attempt(async () => {
      const result = await update.mutateAsync({ years: values.years, baseRevision: base.get() })
      base.saved(result.revision)
      setSaved('Saved')
    }),
  )
  return (
    <form className="retention-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <ErrorBanner message={formError} />
      <Field label="Years to keep records after the last treatment" error={errors.years?.message}>
        <input type="number" inputMode="numeric" {...register('years', { valueAsNumber: true })} />
      </Field>
      <div className="form-actions">
        <DoneNote message={saved} />
        <button type="submit" className="button secondary" disabled={update.isPending}>
          Save
        </button>
      </div>
    </form>
  )
}
