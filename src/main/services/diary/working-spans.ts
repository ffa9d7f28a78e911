import type { Kysely } from 'kysely'
import type { DiaryRange } from '../../../shared/contract/diary'
import type { DB } from '../../db/schema'
import { getClinicSettings } from '../settings'
import { addDays, utcToZoned, zonedToUtc } from './clinic-clock'
import { intersect, loadDiarySetup, partTimeOffOn, subtract, timeOffOn } from './working-hours'

/**
 * Working time and breaks per therapist as UTC spans between `from` and `to` (ISO instants),
 * for shading the rest of the diary, and the clinic's closures (dates, in its time zone).
 * Hours are wall-clock times in the clinic's zone, so a span keeps its local hours across
 * the clock changes.
 */
export async function workingSpans(
  db: Kysely<DB>,
  from: string,
  to: string,
  therapistIds: number[] | undefined,
): Promise<Pick<DiaryRange, 'working' | 'closures'>> {
  const { timeZone } = await getClinicSettings(db)
  const firstDate = utcToZoned(Date.parse(from), timeZone).date
  const lastDate = utcToZoned(Date.parse(to) - 1, timeZone).date
  const setup = await loadDiarySetup(db, {
    fromDate: firstDate,
    toDate: lastDate,
    ...(therapistIds ? { therapistIds } : {}),
  })
  const working: DiaryRange['working'] = []
  for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) {
    if (setup.closures.has(date)) continue
    const weekday = utcToZoned(zonedToUtc(date, 720, timeZone), timeZone).weekday
    const open = setup.opening.get(weekday)
    if (!open) continue
    for (const plan of setup.therapists.values()) {
      if (!plan.active || timeOffOn(plan, date)) continue
      const push = (spans: [number, number][], kind: 'work' | 'break') => {
        for (const [s, e] of spans) {
          working.push({
            therapistId: plan.id,
            startsAt: new Date(zonedToUtc(date, s, timeZone)).toISOString(),
            endsAt: new Date(zonedToUtc(date, e, timeZone)).toISOString(),
            kind,
          })
        }
      }
      // Part-day time off (the dentist 14:00–17:00) is shaded like time outside the hours.
      const off = partTimeOffOn(plan, date).map((p) => p.span)
      push(subtract(intersect(plan.work.get(weekday) ?? [], open), off), 'work')
      push(intersect(plan.breaks.get(weekday) ?? [], open), 'break')
    }
  }
  return {
    working,
    closures: [...setup.closures].map(([date, reason]) => ({ date, reason })),
  }
}
