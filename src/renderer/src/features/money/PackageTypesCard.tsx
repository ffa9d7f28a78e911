import './packages.css'
import { useState } from 'react'
import type { PackageType } from '../../../../shared/contract/packages'
import { parsePounds, poundsText } from '../../../../shared/money/pounds'
import { RpcError } from '../../../../shared/rpc'
import { useServices } from '../../api/diary'
import { usePackageTypes, useSavePackageType } from '../../api/packages'
import { DoneNote, ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { formatPence } from '../setup/time-ranges'

interface Draft {
  id?: number
  name: string
  serviceIds: number[]
  sessions: string
  price: string
  validMonths: string
  active: boolean
}

const EMPTY: Draft = {
  name: '',
  serviceIds: [],
  sessions: '5',
  price: '',
  validMonths: '6',
  active: true,
}

const draftOf = (t: PackageType): Draft => ({
  id: t.id,
  name: t.name,
  serviceIds: t.serviceIds,
  sessions: String(t.sessions),
  price: poundsText(t.pricePence),
  validMonths: String(t.validMonths),
  active: t.active,
})

/**
 * Settings → Money → Packages (owner): "5 × Sports massage 60 min, £250, valid 6 months".
 * A package sold keeps the terms it was sold with, so changing or retiring one here only
 * affects later sales.
 */
export function PackageTypesCard() {
  const types = usePackageTypes(true)
  const [draft, setDraft] = useState<Draft>(EMPTY)
  return (
    <section className="card stack" aria-labelledby="package-types-title">
      <h2 className="card-title" id="package-types-title">
        Packages
      </h2>
      {(types.data ?? []).length === 0 ? (
        <p className="muted">No packages yet. A package is a number of sessions sold at once.</p>
      ) : (
        <ul className="package-list">
          {types.data!.map((t) => (
            <li key={t.id}>
              <strong>{t.name}</strong> · {t.sessions} sessions of {t.serviceNames.join(' or ')} ·{' '}
              {formatPence(t.pricePence)} · valid {t.validMonths} months
              {!t.active && ' · retired'} · {t.sold} sold{' '}
              <button
                type="button"
                className="button link"
                aria-label={`Change ${t.name}`}
                onClick={() => setDraft(draftOf(t))}
              >
                Change
              </button>
            </li>
          ))}
        </ul>
      )}
      <PackageTypeForm key={draft.id ?? 'new'} start={draft} onDone={() => setDraft(EMPTY)} />
    </section>
  )
}

function PackageTypeForm({ start, onDone }: { start: Draft; onDone(): void }) {
  const services = useServices()
  const save = useSavePackageType()
  const [d, setD] = useState(start)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  async function submit() {
    setMessage(null)
    setDone(null)
    const found: Record<string, string> = {}
    const pricePence = parsePounds(d.price)
    if (!pricePence) found['pricePence'] = 'Enter the price, e.g. 250.00'
    const sessions = Number.parseInt(d.sessions, 10)
    const validMonths = Number.parseInt(d.validMonths, 10)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    try {
      const saved = await save.mutateAsync({
        ...(d.id ? { id: d.id } : {}),
        name: d.name,
        serviceIds: d.serviceIds,
        sessions: Number.isNaN(sessions) ? 0 : sessions,
        pricePence: pricePence!,
        validMonths: Number.isNaN(validMonths) ? 0 : validMonths,
        active: d.active,
      })
      setDone(`Saved ${saved.name}`)
      if (!d.id) setD(EMPTY)
      else onDone()
    } catch (e) {
      if (e instanceof RpcError) {
        setErrors(Object.fromEntries(e.fieldErrors.map((f) => [f.path, f.message])))
      }
      setMessage(e instanceof Error ? e.message : 'That did not work.')
    }
  }

  const field = (key: 'name' | 'sessions' | 'price' | 'validMonths', label: string) => (
    <Field label={label} error={errors[key === 'price' ? 'pricePence' : key]}>
      <input
        inputMode={key === 'name' ? undefined : 'decimal'}
        maxLength={key === 'name' ? 80 : 10}
        value={d[key]}
        onChange={(e) => setD({ ...d, [key]: e.target.value })}
      />
    </Field>
  )

  return (
    <form
      className="stack"
      aria-label={d.id ? `Change ${start.name}` : 'Add a package'}
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h3>{d.id ? `Change ${start.name}` : 'Add a package'}</h3>
      <ErrorBanner message={message} />
      <div className="two-cards">
        {field('name', 'Package name')}
        {field('sessions', 'Sessions')}
        {field('price', 'Price (£)')}
        {field('validMonths', 'Valid for (months)')}
      </div>
      <fieldset className={errors['serviceIds'] ? 'fieldset has-error' : 'fieldset'}>
        <legend>Sessions can be used for</legend>
        {(services.data ?? []).map((s) => (
          <label className="check" key={s.id}>
            <input
              type="checkbox"
              checked={d.serviceIds.includes(s.id)}
              onChange={(e) =>
                setD({
                  ...d,
                  serviceIds: e.target.checked
                    ? [...d.serviceIds, s.id]
                    : d.serviceIds.filter((id) => id !== s.id),
                })
              }
            />
            {s.name}
          </label>
        ))}
        <p className="field-hint">
          When the clinic is VAT registered, a package is charged VAT when sold, at the rate of the
          first service ticked.
        </p>
        {errors['serviceIds'] && (
          <p className="field-error" role="alert">
            {errors['serviceIds']}
          </p>
        )}
      </fieldset>
      {d.id && (
        <label className="check">
          <input
            type="checkbox"
            checked={d.active}
            onChange={(e) => setD({ ...d, active: e.target.checked })}
          />
          Still sold (untick to retire it; packages already sold stay usable)
        </label>
      )}
      <div className="form-actions">
        <DoneNote message={done} />
        {d.id && (
          <button type="button" className="button secondary" onClick={onDone}>
            Cancel
          </button>
        )}
        <button type="submit" className="button primary" disabled={save.isPending}>
          {d.id ? 'Save package' : 'Add package'}
        </button>
      </div>
    </form>
  )
}
