import { AppointmentsCard } from './AppointmentsCard'
import { ClientMessagesCard } from '../messages/ClientMessagesCard'
import { ClientAccountCard } from '../money/ClientAccountCard'
import { useState } from 'react'
import type { ClientRecord } from '../../../../shared/contract/clients'
import { useAuthStatus } from '../../api/auth'
import {
  useAcknowledgeAlerts,
  useAddAlert,
  useArchiveClient,
  useClient,
  useClientTimeline,
  useRemoveAlert,
  useUnarchiveClient,
} from '../../api/clients'
import { Icon } from '../../components/Icon'
import { AlertBanner } from './AlertBanner'
import { clientHref } from './client-route'
import { dobAndAge, ukDate, ukDateTime } from './format'
import { ClientNotesCard } from '../notes/ClientNotesCard'
import { RunnerProgressCard } from '../measures/RunnerProgressCard'
import { HandToClientCard } from '../handover/HandToClient'
import { DocumentsCard } from '../documents/DocumentsCard'
import { QuestionnaireCard } from './QuestionnaireCard'
import { SubjectAccessButton } from '../portability/SubjectAccessButton'
import { EraseClientButtons } from '../portability/EraseClientButtons'
import { errorWords } from '../../components/rpc-form-errors'

export function ClientPage({ id }: { id: number }) {
  const client = useClient(id)
  if (client.isPending) return <p className="muted">Opening the record…</p>
  if (client.isError) {
    return (
      <div className="banner banner-error" role="alert">
        <Icon name="alert" /> {errorWords(client.error)}
      </div>
    )
  }
  // Keyed by id: opening another client (or this one again) asks for acknowledgement afresh.
  return <ClientRecordView key={id} client={client.data} />
}

function ClientRecordView({ client }: { client: ClientRecord }) {
  const mustAcknowledge = client.alerts.filter((a) => a.acknowledgeOnOpen)
  const [acknowledged, setAcknowledged] = useState(mustAcknowledge.length === 0)
  const acknowledge = useAcknowledgeAlerts()
  // Buttons only for what the signed-in role may do; main checks again either way.
  const role = useAuthStatus().data?.user?.role
  const clinical = role === 'owner' || role === 'therapist'

  return (
    <>
      <header className="page-header client-header">
        <div>
          <p className="breadcrumb">
            <a href="#/clients">Clients</a>
          </p>
          <h1>
            {client.title ? `${client.title} ` : ''}
            {client.displayName}
          </h1>
          <p className="page-subtitle">
            {dobAndAge(client.dateOfBirth, client.age)} ·{' '}
            {client.mobile || client.otherPhone || 'no phone'}
            {client.email ? ` · ${client.email}` : ''}
          </p>
        </div>
        {acknowledged && !client.mergedIntoId && (
          <div className="header-actions">
            <a className="button secondary" href={clientHref(client.id, 'edit')}>
              Edit details
            </a>
            {role === 'owner' && (
              <a className="button secondary" href={clientHref(client.id, 'merge')}>
                Merge…
              </a>
            )}
            {(role === 'owner' || role === 'reception') && <ArchiveButton client={client} />}
            {role === 'owner' && <SubjectAccessButton clientId={client.id} />}
            {role === 'owner' && (
              <EraseClientButtons clientId={client.id} name={client.displayName} />
            )}
          </div>
        )}
      </header>

      {client.mergedIntoId && (
        <div className="banner banner-info" role="status">
          <Icon name="info" /> This record was merged into{' '}
          <a href={clientHref(client.mergedIntoId)}>client #{client.mergedIntoId}</a>.
        </div>
      )}
      {client.archivedAt && !client.mergedIntoId && (
        <div className="banner banner-info" role="status">
          <Icon name="info" /> Archived on {ukDate(client.archivedAt.slice(0, 10))}: hidden from
          search unless “Include archived” is ticked.
        </div>
      )}

      <AlertBanner alerts={client.alerts} />

      {!acknowledged ? (
        <section
          className="card acknowledge"
          role="alertdialog"
          aria-labelledby="ack-title"
          aria-describedby="ack-body"
        >
          <h2 id="ack-title">Read before opening {client.displayName}’s record</h2>
          <p id="ack-body">
            {mustAcknowledge.length === 1 ? 'This alert needs' : 'These alerts need'} acknowledging
            each time the record is opened:
          </p>
          <ul>
            {mustAcknowledge.map((a) => (
              <li key={a.id}>{a.text}</li>
            ))}
          </ul>
          {acknowledge.isError && (
            <div className="banner banner-error" role="alert">
              <Icon name="alert" /> {errorWords(acknowledge.error)}
            </div>
          )}
          <button
            type="button"
            className="button primary"
            disabled={acknowledge.isPending}
            onClick={() =>
              acknowledge.mutate(client.id, { onSuccess: () => setAcknowledged(true) })
            }
          >
            I have read {mustAcknowledge.length === 1 ? 'this alert' : 'these alerts'}
          </button>
        </section>
      ) : (
        <div className="client-grid">
          <SummaryCard client={client} />
          <ConsentCard client={client} />
          <AlertsCard client={client} />
          <QuestionnaireCard client={client} />
          <AppointmentsCard id={client.id} />
          <ClientMessagesCard
            clientId={client.id}
            canEdit={role === 'owner' || role === 'reception'}
          />
          <ClientAccountCard clientId={client.id} clientName={client.displayName} />
          <ClientNotesCard clientId={client.id} />
          {clinical && <RunnerProgressCard clientId={client.id} />}
          <HandToClientCard clientId={client.id} />
          {clinical && <DocumentsCard clientId={client.id} />}
          <TimelineCard id={client.id} />
        </div>
      )}
    </>
  )
}

function ArchiveButton({ client }: { client: ClientRecord }) {
  const archive = useArchiveClient()
  const unarchive = useUnarchiveClient()
  const pending = archive.isPending || unarchive.isPending
  const error = archive.error ?? unarchive.error
  return (
    <>
      {client.archivedAt ? (
        <button
          type="button"
          className="button secondary"
          disabled={pending}
          onClick={() => unarchive.mutate(client.id)}
        >
          Unarchive
        </button>
      ) : (
        <button
          type="button"
          className="button secondary"
          disabled={pending}
          onClick={() => archive.mutate(client.id)}
        >
          Archive
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
    </>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value || <span className="muted">–</span>}</dd>
    </>
  )
}

function SummaryCard({ client }: { client: ClientRecord }) {
  const emergency = [
    client.emergencyName,
    client.emergencyRelationship && `(${client.emergencyRelationship})`,
    client.emergencyPhone,
  ]
    .filter(Boolean)
    .join(' ')
  const gp = [client.gpName, client.gpPractice, client.gpAddress].filter(Boolean).join(', ')
  const event = client.eventName
    ? `${client.eventName}${client.eventDate ? `, ${ukDate(client.eventDate)}` : ''}${
        client.eventDistanceKm !== null ? ` (${client.eventDistanceKm} km)` : ''
      }`
    : ''
  return (
    <section className="card span-2" aria-labelledby="summary-title">
      <h2 id="summary-title">Summary</h2>
      <dl className="facts two-col">
        <Fact label="Mobile" value={client.mobile} />
        <Fact label="Other phone" value={client.otherPhone} />
        <Fact label="E-mail" value={client.email} />
        <Fact
          label="Address"
          value={[client.address, client.postcode].filter(Boolean).join(', ')}
        />
        <Fact label="Sex / gender" value={client.gender} />
        <Fact label="Occupation" value={client.occupation} />
        <Fact label="Sport" value={client.sports} />
        <Fact label="Training" value={trainingWords(client)} />
        <Fact label="Upcoming event" value={event} />
        <Fact label="Goals" value={client.goals} />
        <Fact label="Emergency contact" value={emergency} />
        <Fact label="GP" value={gp} />
        <Fact label="Referred by" value={client.referralSource} />
        <Fact label="Tags" value={client.tags.join(', ')} />
        <Fact label="Notes" value={client.notes} />
      </dl>
    </section>
  )
}

function ConsentCard({ client }: { client: ClientRecord }) {
  const rows = [
    ['Treatment consent', client.consents.treatment],
    ['Data-processing notice', client.consents.dataNotice],
    ['Marketing e-mails', client.consents.marketingEmail],
    ['Marketing texts', client.consents.marketingSms],
  ] as const
  return (
    <section className="card" aria-labelledby="consent-title">
      <h2 id="consent-title">Consent</h2>
      <ul className="consent-list">
        {rows.map(([label, c]) => (
          <li key={label} className={c.given ? 'given' : 'not-given'}>
            <Icon name={c.given ? 'check' : 'info'} size={16} />
            <span>
              {label}: {c.given ? 'yes' : 'no'}
              {c.given && c.at && (
                <span className="field-hint">
                  {ukDateTime(c.at)}
                  {c.by ? `, ${c.by}` : ''}
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}

function AlertsCard({ client }: { client: ClientRecord }) {
  const add = useAddAlert()
  const remove = useRemoveAlert()
  const [text, setText] = useState('')
  const [severity, setSeverity] = useState<'contraindication' | 'caution' | 'info'>('caution')
  const [ack, setAck] = useState(false)
  const free = client.alerts.filter((a) => a.source === 'free')
  return (
    <section className="card" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Alerts</h2>
      {free.length === 0 ? (
        <p className="muted">No alerts added by staff. Questionnaire answers add their own.</p>
      ) : (
        <ul className="alert-list">
          {free.map((a) => (
            <li key={a.id}>
              <span className={`pill pill-${a.severity}`}>{a.severity}</span> {a.text}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove alert: ${a.text}`}
                onClick={() =>
                  remove.mutate({ clientId: client.id, alertId: Number(a.id.split(':')[1]) })
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {!client.mergedIntoId && (
        <form
          className="add-alert"
          onSubmit={(e) => {
            e.preventDefault()
            add.mutate(
              { clientId: client.id, text, severity, acknowledgeOnOpen: ack },
              {
                onSuccess: () => {
                  setText('')
                  setAck(false)
                  setSeverity('caution')
                },
              },
            )
          }}
        >
          <div className="field">
            <label htmlFor="alert-text">New alert</label>
            <input
              id="alert-text"
              type="text"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="alert-severity">Severity</label>
            <select
              id="alert-severity"
              value={severity}
              onChange={(e) => setSeverity(e.target.value as typeof severity)}
            >
              <option value="contraindication">Contraindication</option>
              <option value="caution">Caution</option>
              <option value="info">Note</option>
            </select>
          </div>
          <label className="checkbox-inline">
            <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} />
            Acknowledge on open
          </label>
          <button
            type="submit"
            className="button secondary"
            disabled={add.isPending || text.trim() === ''}
          >
            Add alert
          </button>
          {add.error && (
            <p className="field-error" role="alert">
              {errorWords(add.error)}
            </p>
          )}
        </form>
      )}
    </section>
  )
}

function TimelineCard({ id }: { id: number }) {
  const timeline = useClientTimeline(id)
  return (
    <section className="card span-2" aria-labelledby="timeline-title">
      <h2 id="timeline-title">History</h2>
      {timeline.data && timeline.data.length > 0 ? (
        <ol className="timeline">
          {timeline.data.map((t, i) => (
            <li key={i}>
              <span className="muted">{ukDateTime(t.at)}</span> {t.summary}
              {t.who ? <span className="muted"> · {t.who}</span> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No changes recorded yet.</p>
      )}
    </section>
  )
}

/** "40 km a week · 4 runs a week · longest run 18 km (last 30 days) · club intervals". */
function trainingWords(client: ClientRecord): string {
  return [
    client.weeklyKm !== null && `${client.weeklyKm} km a week`,
    client.runsPerWeek !== null && `${client.runsPerWeek} runs a week`,
    client.longestRunKm !== null && `longest run ${client.longestRunKm} km (last 30 days)`,
    client.weeklyTraining,
  ]
    .filter(Boolean)
    .join(' · ')
}
