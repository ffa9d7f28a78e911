import { useState } from 'react'
import type { ClientRecord, ClientValues } from '../../../../shared/contract/clients'
import { useClient, useClientAppointments, useMergeClients, useUndoMerge } from '../../api/clients'
import { useClientNotes } from '../../api/notes'
import { Icon } from '../../components/Icon'
import { ClientLookup } from './ClientLookup'
import { clientHref } from './client-route'
import { ukDate } from './format'
import { errorWords } from '../../components/rpc-form-errors'

type Field = Exclude<keyof ClientValues, 'tags'>

const FIELDS: [Field, string][] = [
  ['title', 'Title'],
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['preferredName', 'Preferred name'],
  ['dateOfBirth', 'Date of birth'],
  ['gender', 'Sex / gender'],
  ['mobile', 'Mobile'],
  ['otherPhone', 'Other phone'],
  ['email', 'E-mail'],
  ['address', 'Address'],
  ['postcode', 'Postcode'],
  ['occupation', 'Occupation'],
  ['emergencyName', 'Emergency contact'],
  ['emergencyRelationship', 'Relationship'],
  ['emergencyPhone', 'Emergency phone'],
  ['gpName', 'GP name'],
  ['gpPractice', 'GP practice'],
  ['gpAddress', 'GP address'],
  ['referralSource', 'Referral source'],
  ['notes', 'Notes'],
  ['sports', 'Sports'],
  ['weeklyTraining', 'Other training notes'],
  ['weeklyKm', 'Weekly distance (km)'],
  ['longestRunKm', 'Longest run, last 30 days (km)'],
  ['runsPerWeek', 'Runs a week'],
  ['eventName', 'Upcoming event'],
  ['eventDate', 'Event date'],
  ['eventDistanceKm', 'Event distance (km)'],
  ['goals', 'Goals'],
  ['consentTreatment', 'Treatment consent'],
  ['consentDataNotice', 'Data-processing notice'],
  ['marketingEmail', 'Marketing e-mails'],
  ['marketingSms', 'Marketing texts'],
]

function shown(field: Field, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (value === null) return ''
  if (field === 'dateOfBirth' || field === 'eventDate') return ukDate(String(value))
  return String(value)
}

/** The owner merges a duplicate into this record, choosing which value wins where they differ. */
export function MergeClients({ keepId }: { keepId: number }) {
  const kept = useClient(keepId)
  const [otherId, setOtherId] = useState<number | null>(null)
  const [done, setDone] = useState<{ mergeId: number; mergedName: string } | null>(null)
  const [undone, setUndone] = useState(false)
  if (kept.isPending) return <p className="muted">Opening the record…</p>
  if (kept.isError) {
    return (
      <div className="banner banner-error" role="alert">
        <Icon name="alert" /> {errorWords(kept.error)}
      </div>
    )
  }
  return (
    <>
      <header className="page-header">
        <p className="breadcrumb">
          <a href={clientHref(keepId)}>{kept.data.displayName}</a>
        </p>
        <h1>Merge a duplicate into {kept.data.displayName}</h1>
        <p className="page-subtitle">
          The other record’s alerts, health questionnaires, appointments, waitlist entries and
          treatment notes move to this one (signed notes stay exactly as signed); the other record
          is hidden. A merge can be undone.
        </p>
      </header>
      {undone && (
        <div className="banner banner-info" role="status">
          <Icon name="info" /> Merge undone: the two records are separate again.
        </div>
      )}
      {done ? (
        <MergeDone
          keep={kept.data}
          {...done}
          onUndone={() => {
            setDone(null)
            setUndone(true)
          }}
        />
      ) : otherId === null ? (
        <section className="card">
          <ClientLookup
            autoFocus
            label="Find the duplicate record"
            onOpen={(c) => c.id !== keepId && setOtherId(c.id)}
          />
        </section>
      ) : (
        <MergeChoices
          keep={kept.data}
          otherId={otherId}
          onCancel={() => setOtherId(null)}
          onMerged={(mergeId, mergedName) => {
            setUndone(false)
            setDone({ mergeId, mergedName })
          }}
        />
      )}
    </>
  )
}

function MergeChoices({
  keep,
  otherId,
  onCancel,
  onMerged,
}: {
  keep: ClientRecord
  otherId: number
  onCancel(): void
  onMerged(mergeId: number, mergedName: string): void
}) {
  const other = useClient(otherId)
  const merge = useMergeClients()
  const [take, setTake] = useState<Set<Field> | null>(null)
  if (!other.data) return <p className="muted">Opening the other record…</p>
  const o = other.data
  const differing = FIELDS.filter(([f]) => keep[f] !== o[f])
  // Default: keep this record's value, unless it is empty and the other one is not.
  const chosen =
    take ??
    new Set(
      differing.filter(([f]) => (keep[f] === '' || keep[f] === false) && o[f]).map(([f]) => f),
    )
  const toggle = (f: Field, fromOther: boolean) => {
    const next = new Set(chosen)
    if (fromOther) next.add(f)
    else next.delete(f)
    setTake(next)
  }
  return (
    <section className="card" aria-labelledby="merge-title">
      <div className="card-head">
        <h2 id="merge-title">
          Keep {keep.displayName} (#{keep.id}), merge in {o.displayName} (#{o.id})
        </h2>
      </div>
      {differing.length === 0 ? (
        <p className="muted">The two records hold the same details.</p>
      ) : (
        <table className="merge-table">
          <caption className="visually-hidden">
            Choose which value to keep where they differ
          </caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">This record</th>
              <th scope="col">The duplicate</th>
            </tr>
          </thead>
          <tbody>
            {differing.map(([f, label]) => (
              <tr key={f}>
                <th scope="row">{label}</th>
                <td>
                  <label className="checkbox-inline">
                    <input
                      type="radio"
                      name={`merge-${f}`}
                      checked={!chosen.has(f)}
                      onChange={() => toggle(f, false)}
                    />
                    {shown(f, keep[f]) || <span className="muted">(empty)</span>}
                  </label>
                </td>
                <td>
                  <label className="checkbox-inline">
                    <input
                      type="radio"
                      name={`merge-${f}`}
                      checked={chosen.has(f)}
                      onChange={() => toggle(f, true)}
                    />
                    {shown(f, o[f]) || <span className="muted">(empty)</span>}
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <MovesWithIt other={o} />
      {merge.error && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {errorWords(merge.error)}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          Choose another record
        </button>
        <button
          type="button"
          className="button primary"
          disabled={merge.isPending}
          onClick={() =>
            merge.mutate(
              { keepId: keep.id, mergeId: o.id, take: [...chosen] },
              { onSuccess: (r) => onMerged(r.mergeId, o.displayName) },
            )
          }
        >
          Merge records
        </button>
      </div>
    </section>
  )
}

function MergeDone({
  keep,
  mergeId,
  mergedName,
  onUndone,
}: {
  keep: ClientRecord
  mergeId: number
  mergedName: string
  onUndone(): void
}) {
  const undo = useUndoMerge()
  return (
    <section className="card" aria-labelledby="merged-title">
      <h2 id="merged-title">
        <Icon name="check" /> Merged {mergedName} into {keep.displayName}
      </h2>
      {undo.error && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {errorWords(undo.error)}
        </div>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button secondary"
          disabled={undo.isPending}
          onClick={() => undo.mutate(mergeId, { onSuccess: onUndone })}
        >
          Undo merge
        </button>
        <a className="button primary" href={clientHref(keep.id)}>
          Open {keep.displayName}
        </a>
      </div>
    </section>
  )
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** What the owner is about to move, so nothing comes across unnoticed. */
function MovesWithIt({ other }: { other: ClientRecord }) {
  const appointments = useClientAppointments(other.id)
  const notes = useClientNotes(other.id)
  if (!appointments.data || !notes.data) return null
  const a = appointments.data.upcoming.length + appointments.data.past.length
  const parts = [
    count(a, 'appointment', 'appointments'),
    count(notes.data.length, 'treatment note', 'treatment notes'),
    count(other.alerts.length, 'alert', 'alerts'),
    count(other.questionnaireVersions, 'questionnaire', 'questionnaires'),
  ]
  return (
    <p className="merge-moves" role="status">
      <Icon name="info" /> Moving to this record from {other.displayName}: {parts.join(', ')}.
    </p>
  )
}
