import type { Kysely } from 'kysely'
import { clippedMs, noIndexOrder } from '../../db/report-sql'
import type { DB } from '../../db/schema'
import { DEFINITIONS } from './definitions'
import { addDays, utcToZoned, zonedToUtc } from '../diary/clinic-clock'
import { LONGEST_BOOKING_MS } from '../diary/booking-rules'
import { bookableSpans, loadDiarySetup } from '../diary/working-hours'
import type { Period } from './range'
import {
  addTo,
  figure,
  rate,
  table,
  unknownFigure,
  type ReportContext,
  type ReportDefinition,
} from './report-kit'

const MINUTE = 60_000

/**
 * Available working minutes per therapist over a period's local days: the spans the diary
 * books into (services/diary/working-hours.ts bookableSpans: hours inside opening hours, less
 * breaks, time off and closures), measured as real minutes between their UTC instants, so an
 * hour the clocks skip is not counted.
 */
export async function availableMinutes(
  db: Kysely<DB>,
  period: Period,
  therapistId: number | null,
): Promise<Map<number, number>> {
  const setup = await loadDiarySetup(db, {
    fromDate: period.fromDate,
    toDate: period.toDate,
    ...(therapistId !== null ? { therapistIds: [therapistId] } : {}),
  })
  const out = new Map<number, number>()
  for (const plan of setup.therapists.values()) out.set(plan.id, 0)
  for (let date = period.fromDate; date <= period.toDate; date = addDays(date, 1)) {
    const weekday = utcToZoned(zonedToUtc(date, 720, setup.timeZone), setup.timeZone).weekday
    for (const plan of setup.therapists.values()) {
      for (const [s, e] of bookableSpans(setup, plan, date, weekday)) {
        const ms = zonedToUtc(date, e, setup.timeZone) - zonedToUtc(date, s, setup.timeZone)
        addTo(out, plan.id, ms / MINUTE)
      }
    }
  }
  return out
}

/**
 * Minutes of appointments not cancelled, clipped to the period, per therapist: summed in SQL
 * (a year's 80,000 appointments at the bench's scale were 300 ms brought into JS one by one).
 */
async function bookedMinutes(ctx: ReportContext, period: Period): Promise<Map<number, number>> {
  let q = ctx.db
    .selectFrom('appointments')
    .select((eb) => [
      'therapist_id',
      eb.fn.sum<number>(clippedMs('starts_at', 'ends_at', period.fromAt, period.toAt)).as('ms'),
    ])
    .where('status', '<>', 'cancelled')
    .where('ends_at', '>', period.fromAt)
    // The diary's longest booking bounds how early one reaching into the period can start,
    // so this stays a range on the covering index (appointments_for_reports), not a scan.
    .where(
      'starts_at',
      '>=',
      new Date(Date.parse(period.fromAt) - LONGEST_BOOKING_MS).toISOString(),
    )
    .where('starts_at', '<', period.toAt)
    // "+": grouping must not pick the therapist-and-start index for its order; reading the
    // table row by row through it was 5 s for a year at the bench's scale.
    .groupBy(noIndexOrder('therapist_id'))
  if (ctx.therapistId !== null) q = q.where('therapist_id', '=', ctx.therapistId)
  const out = new Map<number, number>()
  for (const a of await q.execute()) {
    if (Number(a.ms) > 0) out.set(a.therapist_id, Number(a.ms) / MINUTE)
  }
  return out
}

async function utilisationIn(ctx: ReportContext, period: Period) {
  const [available, booked] = await Promise.all([
    availableMinutes(ctx.db, period, ctx.therapistId),
    bookedMinutes(ctx, period),
  ])
  const ids = new Set([...available.keys(), ...booked.keys()])
  let a = 0
  let b = 0
  for (const id of ids) {
    a += available.get(id) ?? 0
    b += booked.get(id) ?? 0
  }
  return { available, booked, ids, totalAvailable: a, totalBooked: b }
}

export const utilisationReport: ReportDefinition = {
  async run(ctx) {
    const [now, before, therapists] = await Promise.all([
      utilisationIn(ctx, ctx.period),
      ctx.previous ? utilisationIn(ctx, ctx.previous) : null,
      ctx.db
        .selectFrom('therapists')
        .select(['id', 'name', 'active'])
        .orderBy('sort_order')
        .orderBy('id')
        .execute(),
    ])
    const rows = therapists
      .filter(
        (t) =>
          now.ids.has(t.id) &&
          ((now.available.get(t.id) ?? 0) > 0 || (now.booked.get(t.id) ?? 0) > 0),
      )
      .map((t) => ({
        therapistId: t.id,
        therapist: t.name,
        available: now.available.get(t.id) ?? 0,
        booked: now.booked.get(t.id) ?? 0,
        utilisation: rate(now.booked.get(t.id) ?? 0, now.available.get(t.id) ?? 0),
      }))
    const byTherapist = table(
      'by-therapist',
      'Utilisation by therapist',
      'utilisation',
      [
        ['therapist', 'Therapist', 'text'],
        ['available', 'Available minutes', 'minutes'],
        ['booked', 'Booked minutes', 'minutes'],
        ['utilisation', 'Utilisation', 'percent'],
      ],
      rows,
    )
    return {
      title: 'Utilisation',
      figures: [
        figure(
          'utilisation',
          'Utilisation',
          'percent',
          rate(now.totalBooked, now.totalAvailable),
          before ? rate(before.totalBooked, before.totalAvailable) : null,
          'utilisation',
        ),
        figure(
          'available',
          'Available minutes',
          'minutes',
          now.totalAvailable,
          before?.totalAvailable ?? null,
          'utilisation',
        ),
        figure(
          'booked',
          'Booked minutes',
          'minutes',
          now.totalBooked,
          before?.totalBooked ?? null,
          'utilisation',
        ),
      ],
      tables: [byTherapist],
      series: [
        {
          id: 'utilisation-by-therapist',
          title: 'Utilisation by therapist',
          definition: DEFINITIONS.utilisation,
          kind: 'percent',
          points: rows.map((r) => ({ label: r.therapist, value: r.utilisation })),
        },
      ],
    }
  },
  async rows(ctx, figureId) {
    if (!['utilisation', 'available', 'booked'].includes(figureId)) unknownFigure(figureId)
    return (await utilisationReport.run(ctx)).tables[0]!
  },
}
