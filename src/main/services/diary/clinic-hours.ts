import type { Kysely } from 'kysely'
import type { ClinicHours } from '../../../shared/contract/diary-setup'
import type { DB } from '../../db/schema'

export async function getClinicHours(db: Kysely<DB>): Promise<ClinicHours> {
  const [opening, closures, settings] = await Promise.all([
    db.selectFrom('clinic_hours').selectAll().orderBy('weekday').execute(),
    db.selectFrom('closure_days').selectAll().orderBy('date').execute(),
    db.selectFrom('diary_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow(),
  ])
  return {
    opening,
    closures,
    cancellationNoticeHours: settings.cancellation_notice_hours,
  }
}

export async function getCancellationNoticeHours(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('diary_settings')
    .select('cancellation_notice_hours')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return row.cancellation_notice_hours
}

/** Replaces the opening hours, closure days and notice period; returns what changed. */
export async function updateClinicHours(db: Kysely<DB>, input: ClinicHours): Promise<string[]> {
  const before = await getClinicHours(db)
  const changed: string[] = []
  if (JSON.stringify(before.opening) !== JSON.stringify(sortOpening(input.opening)))
    changed.push('opening hours')
  if (
    JSON.stringify(before.closures) !==
    JSON.stringify([...input.closures].sort((a, b) => a.date.localeCompare(b.date)))
  )
    changed.push('closure days')
  if (before.cancellationNoticeHours !== input.cancellationNoticeHours)
    changed.push('cancellation notice')
  await db.deleteFrom('clinic_hours').execute()
  if (input.opening.length) await db.insertInto('clinic_hours').values(input.opening).execute()
  await db.deleteFrom('closure_days').execute()
  if (input.closures.length) await db.insertInto('closure_days').values(input.closures).execute()
  await db
    .updateTable('diary_settings')
    .set({ cancellation_notice_hours: input.cancellationNoticeHours })
    .where('id', '=', 1)
    .execute()
  return changed
}

function sortOpening(opening: ClinicHours['opening']) {
  return [...opening]
    .sort((a, b) => a.weekday - b.weekday)
    .map(({ weekday, opens, closes }) => ({ weekday, opens, closes }))
}
