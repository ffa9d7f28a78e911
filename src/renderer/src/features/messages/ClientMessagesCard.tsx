import { useClientMessages, useSetClientPreferences } from '../../api/messages'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { channelLabel, kindLabel, stateWords } from './format'

const CHANNEL_CHOICES = [
  { value: 'both', label: 'E-mail and SMS' },
  { value: 'email', label: 'E-mail only' },
  { value: 'sms', label: 'SMS only' },
  { value: 'none', label: 'No messages' },
] as const

/** A client's message preferences and history, on their record (issue 16). */
export function ClientMessagesCard({ clientId, canEdit }: { clientId: number; canEdit: boolean }) {
  const history = useClientMessages(clientId)
  const setPrefs = useSetClientPreferences()
  const h = history.data
  // A therapist sees the messages of their own clients only (main refuses the rest).
  if ((history.error as { code?: string } | null)?.code === 'forbidden') return null
  return (
    <section className="card" aria-labelledby="client-messages-title">
      <h2 id="client-messages-title">Messages</h2>
      {history.isPending && <p className="muted">Loading…</p>}
      <ErrorBanner message={history.error?.message ?? setPrefs.error?.message} />
      {h && (
        <>
          <Field label="Confirmations and reminders by">
            <select
              value={h.channel}
              disabled={!canEdit || setPrefs.isPending}
              onChange={(ev) =>
                setPrefs.mutate({
                  clientId,
                  channel: ev.target.value as (typeof CHANNEL_CHOICES)[number]['value'],
                  marketingOptOut: h.marketingOptOut,
                })
              }
            >
              {CHANNEL_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </Field>
          <div className="field checkbox-field">
            <label>
              <input
                type="checkbox"
                checked={h.marketingOptOut}
                disabled={!canEdit || setPrefs.isPending}
                onChange={(ev) =>
                  setPrefs.mutate({
                    clientId,
                    channel: h.channel,
                    marketingOptOut: ev.target.checked,
                  })
                }
              />{' '}
              Opted out of recall and offers
            </label>
            <p className="field-hint">
              Recall goes only with marketing consent (
              {[h.marketingEmail && 'e-mail', h.marketingSms && 'SMS'].filter(Boolean).join(', ') ||
                'none recorded'}
              ).
            </p>
          </div>
          {h.messages.length === 0 ? (
            <p className="muted">No messages yet.</p>
          ) : (
            <ul className="client-appts">
              {h.messages.map((m) => (
                <li key={m.id} className="client-appt">
                  <span>
                    {kindLabel(m)} · {channelLabel(m.channel)}
                  </span>
                  <span>{stateWords(m)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
