import { format } from 'date-fns/format'
import { parseISO } from 'date-fns/parseISO'
import type { Kysely } from 'kysely'
import type { ClientPackage } from '../../../shared/contract/packages'
import type { DB } from '../../db/schema'
import { utcToZoned } from '../diary/clinic-clock'
import { DomainError } from '../domain-error'
import { getClinicSettings } from '../settings'
import { invoiceStandingFor } from './invoice-drafts'
import type { MoneyActor } from './money-settings'
import { getPackage, packagePaying, packagesOf } from './package-read'

interface Visit {
  id: number
  client_id: number
  service_id: number
  status: string
  /** Clinic-local date of the appointment. */
  date: string
}

async function visitOf(db: Kysely<DB>, appointmentId: number): Promise<Visit> {
  const a = await db
    .selectFrom('appointments')
    .select(['id', 'client_id', 'service_id', 'status', 'starts_at'])
    .where('id', '=', appointmentId)
    .executeTakeFirst()
  if (!a) throw new DomainError('not_found', 'No such appointment.')
  const { timeZone } = await getClinicSettings(db)
  return { ...a, date: utcToZoned(Date.parse(a.starts_at), timeZone).date }
}

/**
 * Why `pkg` cannot pay for `visit`, or null when it can. A package pays for an appointment of
 * one of its services, for its own client, on or before its last day (the appointment's
 * clinic-local date counts, so a session attended in time may be checked out the day
 * after), while it has sessions left, is not refunded and its invoice is paid in full.
 */
function refusal(pkg: ClientPackage, visit: Visit): string | null {
  if (pkg.clientId !== visit.client_id) return "That package is not this client's."
  if (pkg.refunded) return `"${pkg.name}" was refunded.`
  if (!pkg.serviceIds.includes(visit.service_id)) {
    return `"${pkg.name}" is not for this service.`
  }
  if (visit.date > pkg.expiresOn) {
    return `"${pkg.name}" expired on ${format(parseISO(pkg.expiresOn), 'd MMM yyyy')}.`
  }
  if (pkg.left <= 0) return `"${pkg.name}" has no sessions left.`
  if (!pkg.paid) return `"${pkg.name}" is not paid in full (${pkg.invoiceNumber}).`
  return null
}

/**
 * The client's packages that can pay for this appointment, the one expiring soonest first
 * (so it is the default at checkout and sessions are not lost to expiry); none once the
 * appointment is on an invoice or paid from a package.
 */
export async function packagesForAppointment(
  db: Kysely<DB>,
  appointmentId: number,
  now: Date,
): Promise<ClientPackage[]> {
  const visit = await visitOf(db, appointmentId)
  // Already invoiced (paid or not) or paid from a package: money, not a session, settles it.
  if ((await invoiceStandingFor(db, visit.id)) || (await packagePaying(db, visit.id))) return []
  const all = await packagesOf(db, visit.client_id, now)
  return all
    .filter((p) => refusal(p, visit) === null)
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.id - b.id)
}

/**
 * Pays for an appointment that has Arrived or is Completed with one session of a package:
 * one 'use' row appended (no invoice, no money moves: the package was paid when sold).
 * Refused: an appointment already on an invoice that stands or already paid from a package,
 * and a package that cannot pay for it (see refusal). The database refuses an overdraw too
 * (migration 0850).
 */
export async function usePackage(
  db: Kysely<DB>,
  input: { appointmentId: number; packageId: number },
  actor: MoneyActor,
  now: Date,
): Promise<{ package: ClientPackage; clientId: number }> {
  const visit = await visitOf(db, input.appointmentId)
  if (visit.status !== 'arrived' && visit.status !== 'completed') {
    throw new DomainError(
      'rule_broken',
      'Use the package once the client has arrived (mark the appointment Arrived or Completed).',
    )
  }
  const paying = await packagePaying(db, visit.id)
  if (paying) {
    throw new DomainError('conflict', `This appointment is already paid from "${paying.name}".`)
  }
  const invoice = await invoiceStandingFor(db, visit.id)
  if (invoice) {
    throw new DomainError(
      'conflict',
      `This appointment is already on ${invoice.number ?? 'a draft invoice'}; credit or discard it first.`,
    )
  }
  const pkg = await getPackage(db, input.packageId, now)
  const why = refusal(pkg, visit)
  if (why) {
    throw new DomainError('rule_broken', why, [{ path: 'packageId', message: why }])
  }
  await db
    .insertInto('package_sessions')
    .values({
      package_id: pkg.id,
      client_id: pkg.clientId,
      kind: 'use',
      sessions: -1,
      appointment_id: visit.id,
      reverses_id: null,
      credit_note_id: null,
      at: now.toISOString(),
      by_user_id: actor.userId,
      by_name: actor.name,
    })
    .execute()
  return { package: await getPackage(db, pkg.id, now), clientId: pkg.clientId }
}

/**
 * Undoes one use (a session taken from the wrong package or for the wrong appointment) by
 * appending its opposite, with a reason. A use is reversed at most once, and not after the
 * package was refunded (the refund priced the sessions left then).
 */
export async function reversePackageUse(
  db: Kysely<DB>,
  input: { sessionId: number; reason: string },
  actor: MoneyActor,
  now: Date,
): Promise<{ package: ClientPackage; clientId: number }> {
  const use = await db
    .selectFrom('package_sessions')
    .selectAll()
    .where('id', '=', input.sessionId)
    .executeTakeFirst()
  if (!use) throw new DomainError('not_found', 'No such package session.')
  if (use.kind !== 'use') throw new DomainError('rule_broken', 'Only a session used can be undone.')
  const pkg = await getPackage(db, use.package_id, now)
  if (pkg.history.some((s) => s.id === use.id && s.reversed)) {
    throw new DomainError('conflict', 'This session has already been undone.')
  }
  if (pkg.refunded) {
    throw new DomainError('rule_broken', `"${pkg.name}" was refunded; its sessions are closed.`)
  }
  await db
    .insertInto('package_sessions')
    .values({
      package_id: use.package_id,
      client_id: use.client_id,
      kind: 'reversal',
      sessions: 1,
      appointment_id: use.appointment_id,
      reverses_id: use.id,
      credit_note_id: null,
      reason: input.reason,
      at: now.toISOString(),
      by_user_id: actor.userId,
      by_name: actor.name,
    })
    .execute()
  return { package: await getPackage(db, use.package_id, now), clientId: use.client_id }
}
