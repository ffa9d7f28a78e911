import type { Kysely } from 'kysely'
import type { ReportAccess } from '../../../shared/contract/report-values'
import { REPORT_IDS, THERAPIST_REPORTS } from '../../../shared/contract/report-values'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { DomainError } from '../domain-error'
import type { ReportRequest } from './index'
import { getReportSettings } from './report-settings'

const NOT_SHARED = 'The owner has not shared reports with therapists.'
const NOT_LINKED = 'Your account is not linked to a therapist in the diary.'

/**
 * The diary therapist a therapist's account stands for: Settings → Staff links an account
 * to a therapist (users.therapist_id); older set-ups linked the other way
 * (therapists.user_id). Null when neither is set.
 */
async function ownTherapist(
  db: Kysely<DB>,
  userId: number,
): Promise<{ id: number; name: string } | null> {
  const byAccount = await db
    .selectFrom('users as u')
    .innerJoin('therapists as t', 't.id', 'u.therapist_id')
    .select(['t.id', 't.name'])
    .where('u.id', '=', userId)
    .executeTakeFirst()
  if (byAccount) return byAccount
  const byTherapist = await db
    .selectFrom('therapists')
    .select(['id', 'name'])
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return byTherapist ?? null
}

/**
 * What the signed-in user may see on the Reports screen (issue 14, "Roles"): the owner every
 * report; a therapist their own appointment, utilisation and commission figures once the owner
 * ticks "Therapists may see their own…" and their account is linked to a diary therapist,
 * otherwise nothing, with the reason in words. Reception never reaches this (the contract's
 * roles). The screen uses it for the side bar and the blocked state; the report calls
 * themselves are checked again by scopeFor, whatever the screen shows.
 */
export async function reportAccess(db: Kysely<DB>, actor: Actor): Promise<ReportAccess> {
  if (actor.role === 'owner') {
    return { allowed: true, reports: [...REPORT_IDS], therapist: null, reason: null }
  }
  const blocked = (reason: string): ReportAccess => ({
    allowed: false,
    reports: [],
    therapist: null,
    reason,
  })
  if (actor.role !== 'therapist') return blocked('Reports are for the owner.')
  if (!(await getReportSettings(db)).therapistsSeeOwn) return blocked(NOT_SHARED)
  const me = await ownTherapist(db, actor.userId)
  if (!me) return blocked(NOT_LINKED)
  return { allowed: true, reports: [...THERAPIST_REPORTS], therapist: me, reason: null }
}

/**
 * Who may run which report (issue 14, "Roles"): the owner everything; a therapist only
 * their own appointment, utilisation and commission figures, and only once the owner allows
 * it; anyone else nothing. A therapist's therapist filter is forced to their own therapist
 * here in main, whatever the renderer sent: another therapist's id is refused, not quietly
 * answered with their own. Throws DomainError 'forbidden'.
 */
export async function scopeFor<R extends ReportRequest>(
  db: Kysely<DB>,
  actor: Actor,
  request: R,
): Promise<R> {
  if (actor.role === 'owner') return request
  const access = await reportAccess(db, actor)
  if (!access.allowed || !access.therapist) {
    throw new DomainError('forbidden', access.reason ?? 'Reports are for the owner.')
  }
  if (!access.reports.includes(request.report)) {
    throw new DomainError(
      'forbidden',
      'Therapists see their own appointment figures and commission only.',
    )
  }
  if (request.therapistId !== undefined && request.therapistId !== access.therapist.id) {
    throw new DomainError('forbidden', 'You can see your own figures only.')
  }
  return { ...request, therapistId: access.therapist.id }
}
