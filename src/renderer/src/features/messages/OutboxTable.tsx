import type { OutboxRow } from '../../../../shared/contract/messages'
import { useOutboxAction } from '../../api/messages'
import { ErrorBanner } from '../../components/ErrorBanner'
import { channelLabel, kindLabel, pounds, stateWords, when } from './format'

/** A list of messages with the actions each state allows (send now, skip, retry). */
export function OutboxTable({
  rows,
  caption,
  actions = true,
}: {
  rows: OutboxRow[]
  caption: string
  actions?: boolean
}) {
  const sendNow = useOutboxAction('messages.sendNow')
  const skip = useOutboxAction('messages.skip')
  const retry = useOutboxAction('messages.retry')
  const error = sendNow.error ?? skip.error ?? retry.error
  if (rows.length === 0) return <p className="muted">Nothing here.</p>
  return (
    <>
      <ErrorBanner message={error?.message} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Message</th>
              <th scope="col">Appointment</th>
              <th scope="col">State</th>
              {actions && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id} data-testid={`message-${m.id}`}>
                <td>
                  {m.clientName || '—'}
                  <div className="muted">{m.to}</div>
                </td>
                <td>
                  {kindLabel(m)} · {channelLabel(m.channel)}
                  {m.channel === 'sms' && (
                    <div className="muted">
                      {m.segments} segment{m.segments === 1 ? '' : 's'} · about{' '}
                      {pounds(m.costPence)}
                    </div>
                  )}
                  <details>
                    <summary>Text</summary>
                    {m.subject && <p>{m.subject}</p>}
                    <pre className="message-body">{m.body}</pre>
                  </details>
                </td>
                <td>{when(m.appointmentStartsAt)}</td>
                <td>{stateWords(m)}</td>
                {actions && (
                  <td className="actions">
                    {m.state === 'queued' && (
                      <>
                        <button
                          type="button"
                          className="button small"
                          disabled={sendNow.isPending}
                          onClick={() => sendNow.mutate(m.id)}
                          aria-label={`Send now: ${kindLabel(m)} to ${m.clientName || m.to}`}
                        >
                          Send now
                        </button>{' '}
                        <button
                          type="button"
                          className="button small"
                          disabled={skip.isPending}
                          onClick={() => skip.mutate(m.id)}
                          aria-label={`Skip: ${kindLabel(m)} to ${m.clientName || m.to}`}
                        >
                          Skip
                        </button>
                      </>
                    )}
                    {m.state === 'failed' && (
                      <button
                        type="button"
                        className="button small"
                        disabled={retry.isPending}
                        onClick={() => retry.mutate(m.id)}
                        aria-label={`Retry: ${kindLabel(m)} to ${m.clientName || m.to}`}
                      >
                        Retry
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
