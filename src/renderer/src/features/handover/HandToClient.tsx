import { useState } from 'react'
import './handover.css'
import { HANDOVER_KINDS, type HandoverKind } from '../../../../shared/contract/handover'
import { MEASURE_LABELS } from '../../../../shared/contract/measures'
import { useStartHandover } from '../../api/handover'
import { errorWords } from '../../components/rpc-form-errors'
import { saveAllBeforeLock } from '../auth/before-lock'

/**
 * "Hand to client": this screen becomes the client's form for one measure (PSFS, LEFS or
 * VISA-A) until a member of staff takes it back with their password. What is open here is
 * saved first, as before a lock.
 */
export function HandToClient({
  clientId,
  appointmentId = null,
  initial = 'psfs',
}: {
  clientId: number
  appointmentId?: number | null
  initial?: HandoverKind
}) {
  const [kind, setKind] = useState<HandoverKind>(initial)
  const start = useStartHandover()
  return (
    <div className="hand-to-client">
      <label className="inline-field">
        <span>Form for the client</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as HandoverKind)}>
          {HANDOVER_KINDS.map((k) => (
            <option key={k} value={k}>
              {MEASURE_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button secondary"
        disabled={start.isPending}
        onClick={async () => {
          await saveAllBeforeLock()
          start.mutate({ clientId, appointmentId, kind })
        }}
      >
        Hand to client
      </button>
      <span className="muted">
        The screen shows only the form until you enter your password. It closes after 30 minutes.
      </span>
      {start.isError && (
        <p className="banner banner-error" role="alert">
          {errorWords(start.error)}
        </p>
      )}
    </div>
  )
}

/** The client page's card: reception or a therapist hands a form to the client at the desk. */
export function HandToClientCard({ clientId }: { clientId: number }) {
  return (
    <section className="card" aria-labelledby="hand-to-client-title">
      <h2 id="hand-to-client-title">Forms on the clinic tablet</h2>
      <HandToClient clientId={clientId} />
    </section>
  )
}
