import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { getClinicSettings } from '../settings'
import { toMinutes } from './clinic-clock'

/** [start, end) in minutes after local midnight. */
export type Span = [number, number]

export interface TherapistPlan {
  id: number
  name: string
  active: boolean
  serviceIds: Set<number>
  /** By ISO weekday. */
  work: Map<number, Span[]>
  breaks: Map<number, Span[]>
  /** `part` is the local span of each day that is off; null for whole days. */
  timeOff: { startsOn: string; endsOn: string; reason: string; part: Span | null }[]
}

/** Everything the rules need to know about who works when, loaded once per command. */
export interface DiarySetup {
  timeZone: string
  opening: Map<number, Span>
  closures: Map<string, string>
  therapists: Map<number, TherapistPlan>
}

function pushTo(map: Map<number, Span[]>, weekday: number, span: Span) {
  const list = map.get(weekday) ?? []
  list.push(span)
  list.sort((a, b) => a[0] - b[0])
  map.set(weekday, list)
}

export async function loadDiarySetup(
  db: Kysely<DB>,
  range: { fromDate: string; toDate: string; therapistIds?: number[] },
): Promise<DiarySetup> {
  const ids = range.therapistIds
  let therapistsQ = db.selectFrom('therapists').select(['id', 'name', 'active'])
  let hoursQ = db
    .selectFrom('therapist_hours')
    .select(['therapist_id', 'kind', 'weekday', 'starts', 'ends'])
  let servicesQ = db.selectFrom('therapist_services').select(['therapist_id', 'service_id'])
  let timeOffQ = db
    .selectFrom('therapist_time_off')
    .select(['therapist_id', 'starts_on', 'ends_on', 'reason', 'from_time', 'until_time'])
    .where('ends_on', '>=', range.fromDate)
    .where('starts_on', '<=', range.toDate)
  if (ids) {
    const list = ids.length ? ids : [-1]
    therapistsQ = therapistsQ.where('id', 'in', list)
    hoursQ = hoursQ.where('therapist_id', 'in', list)
    servicesQ = servicesQ.where('therapist_id', 'in', list)
    timeOffQ = timeOffQ.where('therapist_id', 'in', list)
  }
  const [settings, therapists, hours, services, timeOff, opening, closures] = await Promise.all([
    getClinicSettings(db),
    therapistsQ.execute(),
    hoursQ.execute(),
    servicesQ.execute(),
    timeOffQ.execute(),
    db.selectFrom('clinic_hours').selectAll().execute(),
    db
      .selectFrom('closure_days')
      .selectAll()
      .where('date', '>=', range.fromDate)
      .where('date', '<=', range.toDate)
      .execute(),
  ])
  const plans = new Map<number, TherapistPlan>()
  for (const t of therapists) {
    plans.set(t.id, {
      id: t.id,
      name: t.name,
      active: t.active === 1,
      serviceIds: new Set(),
      work: new Map(),
      breaks: new Map(),
      timeOff: [],
    })
  }
  for (const h of hours) {
    const plan = plans.get(h.therapist_id)
    if (plan)
      pushTo(h.kind === 'work' ? plan.work : plan.breaks, h.weekday, [
        toMinutes(h.starts),
        toMinutes(h.ends),
      ])
  }
  for (const s of services) plans.get(s.therapist_id)?.serviceIds.add(s.service_id)
  for (const t of timeOff) {
    plans.get(t.therapist_id)?.timeOff.push({
      startsOn: t.starts_on,
      endsOn: t.ends_on,
      reason: t.reason,
      part:
        t.from_time !== null && t.until_time !== null
          ? [toMinutes(t.from_time), toMinutes(t.until_time)]
          : null,
    })
  }
  return {
    timeZone: settings.timeZone,
    opening: new Map(opening.map((o) => [o.weekday, [toMinutes(o.opens), toMinutes(o.closes)]])),
    closures: new Map(closures.map((c) => [c.date, c.reason])),
    therapists: plans,
  }
}

export function intersect(spans: Span[], window: Span): Span[] {
  const out: Span[] = []
  for (const [s, e] of spans) {
    const a = Math.max(s, window[0])
    const b = Math.min(e, window[1])
    if (b > a) out.push([a, b])
  }
  return out
}

export function subtract(spans: Span[], holes: Span[]): Span[] {
  let out = spans
  for (const [hs, he] of holes) {
    const next: Span[] = []
    for (const [s, e] of out) {
      if (he <= s || hs >= e) next.push([s, e])
      else {
        if (hs > s) next.push([s, hs])
        if (he < e) next.push([he, e])
      }
    }
    out = next
  }
  return out
}

/** Whole-day time off covering a local date. */
export function timeOffOn(plan: TherapistPlan, date: string) {
  return plan.timeOff.find((t) => t.part === null && t.startsOn <= date && t.endsOn >= date)
}

/** Time off for part of a local date (the dentist 14:00–17:00): its spans and reasons. */
export function partTimeOffOn(plan: TherapistPlan, date: string) {
  const found: { span: Span; reason: string }[] = []
  for (const t of plan.timeOff) {
    if (t.part !== null && t.startsOn <= date && t.endsOn >= date) {
      found.push({ span: t.part, reason: t.reason })
    }
  }
  return found
}

/**
 * When a therapist can be booked on a local date: their working ranges inside the clinic's
 * opening hours, less breaks; nothing on a closure day or during time off.
 */
export function bookableSpans(
  setup: DiarySetup,
  plan: TherapistPlan,
  date: string,
  weekday: number,
): Span[] {
  if (!plan.active || setup.closures.has(date) || timeOffOn(plan, date)) return []
  const open = setup.opening.get(weekday)
  if (!open) return []
  const work = intersect(plan.work.get(weekday) ?? [], open)
  const free = subtract(work, plan.breaks.get(weekday) ?? [])
  if (plan.timeOff.length === 0) return free
  return subtract(
    free,
    partTimeOffOn(plan, date).map((p) => p.span),
  )
}
