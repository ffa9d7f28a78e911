import type { Role } from '../../../../shared/roles'
import type { OutboxStatus } from '../../../../shared/contract/messages'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { useClinicTimeZone } from '../diary/use-clinic-time-zone'
import { useOutbox, useOutboxStatus, type OutboxView } from '../../api/messages'
import { ErrorBanner } from '../../components/ErrorBanner'
import { MessageSettingsForm } from './MessageSettingsForm'
import { OutboxTable } from './OutboxTable'
import { TemplatesEditor } from './TemplatesEditor'

const LISTS: { id: string | null; view: OutboxView; label: string; intro: string }[] = [
  {
    id: null,
    view: 'tomorrow',
    label: 'Tomorrow’s reminders',
    intro: 'Reminders for tomorrow’s appointments. Send one now, or skip it.',
  },
  { id: 'waiting', view: 'waiting', label: 'Waiting', intro: 'Queued, not sent yet.' },
  {
    id: 'failed',
    view: 'failed',
    label: 'Failed',
    intro: 'The server refused these, or gave up after several tries. Retry once fixed.',
  },
  { id: 'recent', view: 'recent', label: 'Recent', intro: 'The last 200 messages.' },
]

const OWNER_TABS = [
  { id: 'settings', label: 'E-mail and SMS settings' },
  { id: 'templates', label: 'Templates' },
]

/** Messages (issue 16): the outbox for reception and owner; settings and templates for the owner. */
export function MessagesScreen({ section, role }: { section: string | null; role: Role }) {
  const status = useOutboxStatus()
  const tabs = [
    ...LISTS.map((l) => ({ id: l.id, label: l.label })),
    ...(role === 'owner' ? OWNER_TABS : []),
  ]
  const current = tabs.find((t) => t.id === section) ?? tabs[0]!
  const list = LISTS.find((l) => l.id === current.id)
  return (
    <>
      <header className="page-header">
        <h1>Messages</h1>
        <p className="page-subtitle">
          Confirmations and reminders by e-mail and SMS.
          {status.data &&
            ` ${status.data.waiting} due and not sent yet, ${status.data.failed} failed${status.data.lastProblem ? ` · last problem: ${status.data.lastProblem}` : ''}.`}
        </p>
      </header>
      <SendingNotice status={status.data} role={role} />
      <nav className="tabs" aria-label="Messages sections">
        {tabs.map((t) => (
          <a
            key={t.id ?? 'tomorrow'}
            href={`#/messages${t.id ? `/${t.id}` : ''}`}
            className="tab"
            aria-current={t === current ? 'page' : undefined}
          >
            {t.label}
          </a>
        ))}
      </nav>
      {list && <OutboxList view={list.view} label={list.label} intro={list.intro} />}
      {current.id === 'settings' && <MessageSettingsForm />}
      {current.id === 'templates' && <TemplatesEditor />}
    </>
  )
}

function OutboxList({ view, label, intro }: { view: OutboxView; label: string; intro: string }) {
  const rows = useOutbox(view)
  return (
    <section className="card" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{label}</h2>
      <p className="muted">{intro}</p>
      {rows.isPending && <p className="muted">Loading…</p>}
      <ErrorBanner message={rows.error?.message} />
      {rows.data && <OutboxTable rows={rows.data} caption={label} />}
    </section>
  )
}

/** Why nothing is going out, when that is so: both channels off, or quiet hours. */
function SendingNotice({ status, role }: { status: OutboxStatus | undefined; role: Role }) {
  const tz = useClinicTimeZone()
  if (!status) return null
  if (!status.sending.email && !status.sending.sms) {
    return (
      <p className="banner banner-warn" role="status">
        Sending is switched off: no confirmations or reminders are queued or sent.{' '}
        {role === 'owner' ? (
          <a href="#/messages/settings">Switch on e-mail or SMS</a>
        ) : (
          'The owner switches it on in Messages → E-mail and SMS settings.'
        )}
      </p>
    )
  }
  if (status.quietUntil) {
    return (
      <p className="banner banner-info" role="status">
        Quiet hours: nothing goes out by itself until {formatClinic(status.quietUntil, 'HH:mm', tz)}
        ; “Send now” sends at once.
      </p>
    )
  }
  return null
}
