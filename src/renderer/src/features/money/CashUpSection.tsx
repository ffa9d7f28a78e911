import { useState } from 'react'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { formatPence, parsePounds, poundsText } from '../../../../shared/money/pounds'
import { useCashUpDay, useRecordCashUp } from '../../api/money'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useClinicTimeZone } from '../diary/use-clinic-time-zone'
import { errorWords } from '../../components/rpc-form-errors'

/**
 * The owner's end-of-day count: what each method took by the ledger against what was
 * counted (cash with its float). Recording keeps the difference for good; Print prints it.
 */
export function CashUpSection() {
  const tz = useClinicTimeZone()
  const [date, setDate] = useState(() => formatClinic(Date.now(), 'yyyy-MM-dd', tz))
  const day = useCashUpDay(date)
  const record = useRecordCashUp()
  const [float, setFloat] = useState('100.00')
  const [counted, setCounted] = useState<Record<number, string>>({})
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)

  const floatPence = parsePounds(float) ?? 0
  const methods = day.data?.methods ?? []
  const expected = (m: { kind: string; takenPence: number }) =>
    m.takenPence + (m.kind === 'cash' ? floatPence : 0)

  async function submit() {
    setError(null)
    const counts = methods
      .filter((m) => (counted[m.methodId] ?? '') !== '')
      .map((m) => ({ methodId: m.methodId, countedPence: parsePounds(counted[m.methodId]!) }))
    if (parsePounds(float) === null) return setError('Enter the float, e.g. 100.00')
    if (counts.some((c) => c.countedPence === null))
      return setError('Enter each count in pounds, e.g. 175.00')
    if (counts.length === 0) return setError('Enter at least one count.')
    try {
      await record.mutateAsync({
        date,
        floatPence,
        counts: counts.map((c) => ({ methodId: c.methodId, countedPence: c.countedPence! })),
        note,
      })
      setCounted({})
      setNote('')
    } catch (e) {
      setError(errorWords(e, 'That did not work; nothing was recorded.'))
    }
  }

  return (
    <div className="stack cash-up">
      <form
        className="card stack"
        aria-label="Cash-up"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <div className="payment-row">
          <div className="field">
            <label htmlFor="cashup-date">Day</label>
            <input
              id="cashup-date"
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="cashup-float">Cash float (£)</label>
            <input
              id="cashup-float"
              inputMode="decimal"
              value={float}
              onChange={(e) => setFloat(e.target.value)}
            />
          </div>
        </div>
        <ErrorBanner message={error} />
        <table className="table">
          <caption className="visually-hidden">Expected and counted by method</caption>
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col" className="num">
                Expected
              </th>
              <th scope="col" className="num">
                Counted (£)
              </th>
              <th scope="col" className="num">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {methods.map((m) => {
              const c = parsePounds(counted[m.methodId] ?? '')
              const diff = c === null ? null : c - expected(m)
              return (
                <tr key={m.methodId}>
                  <th scope="row">{m.name}</th>
                  <td className="num">{formatPence(expected(m))}</td>
                  <td className="num">
                    <input
                      aria-label={`Counted ${m.name}`}
                      inputMode="decimal"
                      size={8}
                      placeholder={poundsText(expected(m))}
                      value={counted[m.methodId] ?? ''}
                      onChange={(e) => setCounted({ ...counted, [m.methodId]: e.target.value })}
                    />
                  </td>
                  <td className="num">{diff === null ? '—' : differenceText(diff)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <div className="field">
          <label htmlFor="cashup-note">Note</label>
          <input
            id="cashup-note"
            maxLength={300}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={() => window.print()}>
            Print
          </button>
          <button type="submit" className="button primary" disabled={record.isPending}>
            Record cash-up
          </button>
        </div>
      </form>
      {(day.data?.recorded ?? []).length > 0 && (
        <section className="card">
          <h2 className="card-title">Recorded for this day</h2>
          <ul className="plain-list">
            {day.data!.recorded.map((r) => (
              <li key={r.id}>
                {formatClinic(r.at, 'HH:mm', tz)} · {r.byName ?? '—'} · float{' '}
                {formatPence(r.floatPence)} ·{' '}
                {r.lines.map((l) => `${l.name} ${formatPence(l.countedPence)}`).join(', ')} ·{' '}
                <strong>{differenceText(r.differencePence)}</strong>
                {r.note && <> · {r.note}</>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}

function differenceText(pence: number): string {
  if (pence === 0) return 'Balanced'
  return pence > 0 ? `Over ${formatPence(pence)}` : `Short ${formatPence(-pence)}`
}
