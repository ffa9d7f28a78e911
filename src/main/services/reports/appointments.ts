import type { Expression, SqlBool } from 'kysely'
import type { ReportTable } from '../../../shared/contract/report-values'
import { alias, bucketOf } from '../../db/report-sql'
import type { AppointmentStatus } from '../../db/schema-diary'
import { DEFINITIONS } from './definitions'
import { monthsEndingAt, periodOf, type Period } from './range'
import {
  figure,
  fullName,
  rate,
  table,
  unknownFigure,
  type ReportContext,
  type ReportDefinition,
} from './report-kit'

/** What became of an appointment, as the report counts it (see DEFINITIONS.appointments). */
export type Outcome = 'attended' | 'dna' | 'late' | 'cancelled' | 'booked'
export const OUTCOMES: Outcome[] = ['attended', 'dna', 'late', 'cancelled', 'booked']
const OUTCOME_LABELS: Record<Outcome, string> = {
  attended: 'Attended',
  dna: 'DNA',
  late: 'Late cancellations',
  cancelled: 'Cancelled',
  booked: 'Still booked',
}

const STATUSES_OF: Record<Outcome, AppointmentStatus[]> = {
  attended: ['arrived', 'completed'],
  dna: ['no_show'],
  late: ['cancelled'],
  cancelled: ['cancelled'],
  booked: ['booked'],
}

export function outcomeOf(status: string, lateCancellation: number): Outcome {
  if (status === 'arrived' || status === 'completed') return 'attended'
  if (status === 'no_show') return 'dna'
  if (status === 'cancelled') return lateCancellation ? 'late' : 'cancelled'
  return 'booked'
}

/** Appointments starting in a period within the filters, as a Kysely query to extend. */
export function appointmentsIn(ctx: ReportContext, period: Period) {
  let q = ctx.db
    .selectFrom('appointments as a')
    .where('a.starts_at', '>=', period.fromAt)
    .where('a.starts_at', '<', period.toAt)
  if (ctx.therapistId !== null) q = q.where('a.therapist_id', '=', ctx.therapistId)
  if (ctx.serviceId !== null) q = q.where('a.service_id', '=', ctx.serviceId)
  return q
}

interface Counts {
  total: number
  by: Record<Outcome, number>
}
const emptyCounts = (): Counts => ({
  total: 0,
  by: { attended: 0, dna: 0, late: 0, cancelled: 0, booked: 0 },
})

type Tally = { all: Counts; byTherapist: Map<number, Counts>; byService: Map<number, Counts> }

/**
 * Appointment outcomes for several periods (the period, the one before, the twelve months of
 * the DNA chart) in one scan: each appointment is put in the slice between the periods' sorted
 * edges it starts in, the slices counted by therapist, service and status in SQL, and each
 * period is the sum of the slices inside it. (Fourteen scans, one per period, were 1.7 s for
 * a year at the bench's 500,000 appointments.)
 */
async function countsOver(ctx: ReportContext, periods: Period[]): Promise<Tally[]> {
  const bounds = [...new Set(periods.flatMap((p) => [p.fromAt, p.toAt]))].sort()
  const span = { ...periods[0]!, fromAt: bounds[0]!, toAt: bounds[bounds.length - 1]! }
  const rows = await appointmentsIn(ctx, span)
    .select((eb) => [
      bucketOf('a.starts_at', bounds).as('slice'),
      'a.therapist_id',
      'a.service_id',
      'a.status',
      'a.late_cancellation',
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy([alias('slice'), 'a.therapist_id', 'a.service_id', 'a.status', 'a.late_cancellation'])
    .execute()
  return periods.map((p) => {
    const tally: Tally = { all: emptyCounts(), byTherapist: new Map(), byService: new Map() }
    for (const r of rows) {
      // Slice k holds [bounds[k-1], bounds[k]).
      const k = Number(r.slice)
      if (k < 1 || bounds[k - 1]! < p.fromAt || bounds[k]! > p.toAt) continue
      const o = outcomeOf(r.status, r.late_cancellation)
      const n = Number(r.n)
      for (const c of [
        tally.all,
        mapGet(tally.byTherapist, r.therapist_id),
        mapGet(tally.byService, r.service_id),
      ]) {
        c.total += n
        c.by[o] += n
      }
    }
    return tally
  })
}

/**
 * A period's appointments by outcome alone (no therapist or service breakdown), as sums in one
 * pass: a GROUP BY sorts every appointment first, most of a year's count.
 */
async function outcomeTotals(ctx: ReportContext, period: Period): Promise<Counts> {
  const row = await appointmentsIn(ctx, period)
    .select((eb) => {
      const late = eb('a.late_cancellation', '!=', 0)
      const is: Record<Outcome, Expression<SqlBool>> = {
        attended: eb('a.status', 'in', STATUSES_OF.attended),
        dna: eb('a.status', 'in', STATUSES_OF.dna),
        late: eb.and([eb('a.status', 'in', STATUSES_OF.late), late]),
        cancelled: eb.and([eb('a.status', 'in', STATUSES_OF.cancelled), eb.not(late)]),
        booked: eb('a.status', 'in', STATUSES_OF.booked),
      }
      return [
        eb.fn.countAll<number>().as('total'),
        ...OUTCOMES.map((o) => eb.fn.coalesce(eb.fn.sum<number>(is[o]), eb.lit(0)).as(o)),
      ]
    })
    .executeTakeFirstOrThrow()
  const counts = emptyCounts()
  const r = row as unknown as Record<string, number>
  counts.total = Number(r['total'] ?? 0)
  for (const o of OUTCOMES) counts.by[o] = Number(r[o] ?? 0)
  return counts
}

function mapGet(map: Map<number, Counts>, key: number): Counts {
  let c = map.get(key)
  if (!c) map.set(key, (c = emptyCounts()))
  return c
}

function countsTable(
  id: string,
  title: string,
  label: string,
  names: Map<number, string>,
  by: Map<number, Counts>,
): ReportTable {
  const rows = [...by]
    .map(([key, c]) => ({
      name: names.get(key) ?? `#${key}`,
      total: c.total,
      attended: c.by.attended,
      dna: c.by.dna,
      late: c.by.late,
      cancelled: c.by.cancelled,
      dnaRate: rate(c.by.dna, c.total),
      lateRate: rate(c.by.late, c.total),
      cancelRate: rate(c.by.cancelled, c.total),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
  return table(
    id,
    title,
    'appointments',
    [
      ['name', label, 'text'],
      ['total', 'Appointments', 'count'],
      ['attended', 'Attended', 'count'],
      ['dna', 'DNA', 'count'],
      ['late', 'Late cancellations', 'count'],
      ['cancelled', 'Cancelled', 'count'],
      ['dnaRate', 'DNA rate', 'percent'],
      ['lateRate', 'Late-cancellation rate', 'percent'],
      ['cancelRate', 'Cancellation rate', 'percent'],
    ],
    rows,
  )
}

export const appointmentsReport: ReportDefinition = {
  async run(ctx) {
    const chart = monthsEndingAt(ctx.period.toDate)
    const monthPeriods = chart.map((m) => periodOf(m.period[0], m.period[1], ctx.timeZone))
    // The period before rides along in the one scan when it lies inside the span the period
    // and the chart's months cover anyway (a month, a quarter); a year before a year is
    // counted on its own, by outcome only (its cards need no breakdown), without sorting.
    const scanned = [ctx.period, ...monthPeriods]
    const spanFrom = scanned.reduce((a, p) => (p.fromAt < a ? p.fromAt : a), ctx.period.fromAt)
    const spanTo = scanned.reduce((a, p) => (p.toAt > a ? p.toAt : a), ctx.period.toAt)
    const prev = ctx.previous
    const inside = prev !== null && prev.fromAt >= spanFrom && prev.toAt <= spanTo
    const [tallies, apart, therapists, services] = await Promise.all([
      countsOver(ctx, inside ? [ctx.period, prev, ...monthPeriods] : scanned),
      prev && !inside ? outcomeTotals(ctx, prev) : null,
      ctx.db.selectFrom('therapists').select(['id', 'name']).execute(),
      ctx.db.selectFrom('services').select(['id', 'name']).execute(),
    ])
    const now = tallies[0]!
    const before = inside ? tallies[1]! : apart && { all: apart }
    const monthly = chart.map((m, i) => {
      const c = tallies[tallies.length - chart.length + i]!.all
      return { label: m.month, value: rate(c.by.dna, c.total) }
    })
    // From the first month with any appointment (DEFINITIONS.dnaByMonth): a young clinic's
    // chart does not open on months of nothing. A month of nothing later on stays, as a gap.
    const first = monthly.findIndex((m) => m.value !== null)
    const months = first === -1 ? [] : monthly.slice(first)
    const was = (o: Outcome) => (before ? before.all.by[o] : null)
    const wasRate = (o: Outcome) => (before ? rate(before.all.by[o], before.all.total) : null)
    const n = now.all
    return {
      title: 'Appointments',
      figures: [
        figure(
          'total',
          'Appointments',
          'count',
          n.total,
          before?.all.total ?? null,
          'appointments',
        ),
        figure('attended', 'Attended', 'count', n.by.attended, was('attended'), 'appointments'),
        figure('dna', 'DNAs', 'count', n.by.dna, was('dna'), 'appointments'),
        figure(
          'dna-rate',
          'DNA rate',
          'percent',
          rate(n.by.dna, n.total),
          wasRate('dna'),
          'dnaRate',
        ),
        figure('late', 'Late cancellations', 'count', n.by.late, was('late'), 'appointments'),
        figure(
          'late-rate',
          'Late-cancellation rate',
          'percent',
          rate(n.by.late, n.total),
          wasRate('late'),
          'appointments',
        ),
        figure(
          'cancelled',
          'Cancelled in time',
          'count',
          n.by.cancelled,
          was('cancelled'),
          'appointments',
        ),
        figure(
          'cancel-rate',
          'Cancellation rate',
          'percent',
          rate(n.by.cancelled, n.total),
          wasRate('cancelled'),
          'appointments',
        ),
        figure('booked', 'Still booked', 'count', n.by.booked, was('booked'), 'appointments'),
      ],
      tables: [
        countsTable(
          'by-therapist',
          'By therapist',
          'Therapist',
          new Map(therapists.map((t) => [t.id, t.name])),
          now.byTherapist,
        ),
        countsTable(
          'by-service',
          'By service',
          'Service',
          new Map(services.map((s) => [s.id, s.name])),
          now.byService,
        ),
      ],
      series: [
        {
          id: 'dna-by-month',
          title: 'DNA rate by month',
          definition: DEFINITIONS.dnaByMonth,
          kind: 'percent',
          points: months,
        },
      ],
    }
  },

  async rows(ctx, figureId) {
    const wanted: Record<string, Outcome[]> = {
      total: OUTCOMES,
      attended: ['attended'],
      dna: ['dna'],
      'dna-rate': ['dna'],
      late: ['late'],
      'late-rate': ['late'],
      cancelled: ['cancelled'],
      'cancel-rate': ['cancelled'],
      booked: ['booked'],
    }
    const outcomes = wanted[figureId]
    if (!outcomes) unknownFigure(figureId)
    // The statuses an outcome can come from, so SQL reads only those rows (a year's DNAs,
    // not a year's appointments); outcomeOf below decides late from in-time cancellations.
    const statuses = [...new Set(outcomes.flatMap((o) => STATUSES_OF[o]))]
    const rows = await appointmentsIn(ctx, ctx.period)
      .where('a.status', 'in', statuses)
      .innerJoin('clients as c', 'c.id', 'a.client_id')
      .innerJoin('therapists as t', 't.id', 'a.therapist_id')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .select([
        'a.id',
        'a.starts_at',
        'a.status',
        'a.late_cancellation',
        'a.client_id',
        'c.first_name',
        'c.last_name',
        't.name as therapist',
        's.name as service',
      ])
      .orderBy('a.starts_at')
      .orderBy('a.id')
      .execute()
    return table(
      figureId,
      'Appointments behind the figure',
      figureId === 'dna-rate' ? 'dnaRate' : 'appointments',
      [
        ['startsAt', 'Starts', 'datetime'],
        ['client', 'Client', 'text'],
        ['therapist', 'Therapist', 'text'],
        ['service', 'Service', 'text'],
        ['outcome', 'Outcome', 'text'],
      ],
      rows
        .filter((r) => outcomes.includes(outcomeOf(r.status, r.late_cancellation)))
        .map((r) => ({
          appointmentId: r.id,
          startsAt: r.starts_at,
          clientId: r.client_id,
          client: fullName(r.first_name, r.last_name),
          therapist: r.therapist,
          service: r.service,
          outcome: OUTCOME_LABELS[outcomeOf(r.status, r.late_cancellation)],
        })),
      { kind: 'client', key: 'clientId' },
    )
  },
}
