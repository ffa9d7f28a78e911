import { useDuplicates } from '../../api/clients'
import { Icon } from '../../components/Icon'
import { AlertIcons } from './AlertIcons'
import { ukDateToIso } from './client-form-schema'
import { clientHref } from './client-route'
import { dobAndAge } from './format'

const REASON_TEXT = {
  phone: 'same phone',
  email: 'same e-mail',
  'surname-dob': 'same surname and date of birth',
  'surname-dob-swapped': 'same surname, date of birth with day and month swapped',
} as const

/** What of a client being typed is compared against the clients on file. */
export interface DuplicateProbeValues {
  lastName?: string | undefined
  dateOfBirth?: string | undefined
  mobile?: string | undefined
  otherPhone?: string | undefined
  email?: string | undefined
}

/**
 * The duplicate check every new-client form runs (Clients → New client and the booking
 * dialog's quick add), so both warn about the same callers. Main decides what matches
 * (`clients.duplicates`: phone, e-mail, surname + date of birth); this asks once there is
 * enough typed to be worth it. Returns the possible matches, [] while nothing is worth asking.
 */
export function useDuplicateCheck(values: DuplicateProbeValues, enabled = true) {
  const probe = {
    lastName: values.lastName ?? '',
    dateOfBirth: ukDateToIso(values.dateOfBirth ?? ''),
    mobile: values.mobile ?? '',
    otherPhone: values.otherPhone ?? '',
    email: values.email ?? '',
  }
  const worthChecking =
    probe.mobile.replace(/\D/g, '').length >= 6 ||
    probe.otherPhone.replace(/\D/g, '').length >= 6 ||
    probe.email.includes('@') ||
    (probe.lastName !== '' && probe.dateOfBirth !== '')
  const duplicates = useDuplicates(probe, enabled && worthChecking)
  return enabled && worthChecking ? (duplicates.data ?? []) : []
}

type Match = ReturnType<typeof useDuplicateCheck>[number]

/** The "Possibly already on file" list, with a way to open (or, in a booking, use) each one. */
export function PossibleDuplicates({
  matches,
  onUse,
}: {
  matches: Match[]
  /** In the booking dialog: book the existing client instead of adding a new one. */
  onUse?: (match: Match['client']) => void
}) {
  if (matches.length === 0) return null
  return (
    <section className="card duplicates" aria-labelledby="dup-title">
      <h2 id="dup-title">
        <Icon name="info" /> Possibly already on file
      </h2>
      <ul>
        {matches.map((d) => (
          <li key={d.client.id}>
            <span>
              <strong>{d.client.displayName}</strong> ·{' '}
              {dobAndAge(d.client.dateOfBirth, d.client.age)} · {d.client.phone || d.client.email}
              <AlertIcons alerts={d.client.alerts} />
            </span>
            <span className="muted">{d.reasons.map((r) => REASON_TEXT[r]).join(', ')}</span>
            {onUse ? (
              <button
                type="button"
                className="button secondary small"
                onClick={() => onUse(d.client)}
              >
                Use {d.client.displayName}
              </button>
            ) : (
              <a className="button secondary small" href={clientHref(d.client.id)}>
                Open existing
              </a>
            )}
          </li>
        ))}
      </ul>
      <p className="field-hint">
        A shared household phone is common: if this is someone else, save them as a new client.
      </p>
    </section>
  )
}
