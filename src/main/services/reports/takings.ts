import type { ReportTable } from '../../../shared/contract/report-values'
import type { Period } from './range'
import { weekStart } from './range'
import { addDays } from '../diary/clinic-clock'
import { DEFINITIONS, type DefinitionId } from './definitions'
import {
  creditNoteParts,
  filterParts,
  invoicedParts,
  takingsParts,
  takingsTotals,
  withNames,
  type MoneyPart,
} from './money-split'
import { eachTakingsShare, inFilter, invoicedGroups } from './money-sums'
import {
  addTo,
  figure,
  localDateReader,
  table,
  unknownFigure,
  type ReportBody,
  type ReportContext,
  type ReportDefinition,
} from './report-kit'

interface Takings {
  parts: MoneyPart[]
  invoiced: MoneyPart[]
  credits: MoneyPart[]
}

/** A period's takings figures and tables, summed from shares without keeping them. */
interface TakingsSums {
  received: number
  refunds: number
  invoicedPence: number
  creditedPence: number
  cashUpDifference: number
  byDay: Map<string, { received: number; refunds: number }>
  /** Net takings by method name, therapist name and line label. */
  byMethod: Map<string, number>
  byTherapist: Map<string, number>
  byLabel: Map<string, number>
  /** Invoiced (accrual) by therapist name and line label. */
  invoicedByTherapist: Map<string, number>
  invoicedByLabel: Map<string, number>
}

const sum = (parts: MoneyPart[]) => parts.reduce((s, p) => s + p.amountPence, 0)

async function cashUpDifference(ctx: ReportContext, period: Period): Promise<number> {
  const row = await ctx.db
    .selectFrom('cash_ups as u')
    .innerJoin('cash_up_lines as l', 'l.cash_up_id', 'u.id')
    .select((eb) =>
      eb.fn
        .coalesce(
          eb.fn.sum<number>(eb('l.counted_pence', '-', eb.ref('l.expected_pence'))),
          eb.lit(0),
        )
        .as('difference'),
    )
    .where('u.business_date', '>=', period.fromDate)
    .where('u.business_date', '<=', period.toDate)
    .executeTakeFirstOrThrow()
  return Number(row.difference)
}

/** The parts behind a period's figures, named (for the rows behind a figure). */
async function takingsIn(ctx: ReportContext, period: Period): Promise<Takings> {
  const only = (p: MoneyPart[]) => filterParts(p, ctx.therapistId, ctx.serviceId)
  const [parts, invoiced, credits] = await Promise.all([
    takingsParts(ctx.db, period).then(only),
    invoicedParts(ctx.db, period).then(only),
    creditNoteParts(ctx.db, period).then(only),
  ])
  return { parts, invoiced, credits }
}

/**
 * A period's figures within the filters, by the same split as the rows behind (each share
 * visited once and added to its day, method, therapist and line; see eachTakingsShare).
 */
async function sumsIn(
  ctx: ReportContext,
  period: Period,
  names: Map<number, string>,
): Promise<TakingsSums> {
  const therapistOf = (id: number | null) =>
    id === null ? 'No therapist' : (names.get(id) ?? `#${id}`)
  const within = (p: { therapistId: number | null; serviceId: number | null }) =>
    inFilter(p, ctx.therapistId, ctx.serviceId)
  const out: TakingsSums = {
    received: 0,
    refunds: 0,
    invoicedPence: 0,
    creditedPence: 0,
    cashUpDifference: 0,
    byDay: new Map(),
    byMethod: new Map(),
    byTherapist: new Map(),
    byLabel: new Map(),
    invoicedByTherapist: new Map(),
    invoicedByLabel: new Map(),
  }
  const dateOf = localDateReader(ctx.timeZone)
  const [, groups, credits, difference] = await Promise.all([
    eachTakingsShare(ctx.db, period, (p) => {
      if (!within(p)) return
      const day = dateOf(p.at)
      let d = out.byDay.get(day)
      if (!d) out.byDay.set(day, (d = { received: 0, refunds: 0 }))
      if (p.kind === 'refund') {
        out.refunds -= p.amountPence
        d.refunds -= p.amountPence
      } else {
        out.received += p.amountPence
        d.received += p.amountPence
      }
      addTo(out.byMethod, p.methodName, p.amountPence)
      addTo(out.byTherapist, therapistOf(p.therapistId), p.amountPence)
      addTo(out.byLabel, p.label, p.amountPence)
    }),
    invoicedGroups(ctx.db, period),
    creditNoteParts(ctx.db, period),
    cashUpDifference(ctx, period),
  ])
  for (const g of groups) {
    if (!within(g)) continue
    const amount = g.grossPence * g.lines
    out.invoicedPence += amount
    addTo(out.invoicedByTherapist, therapistOf(g.therapistId), amount)
    addTo(out.invoicedByLabel, g.label, amount)
  }
  out.creditedPence = sum(filterParts(credits, ctx.therapistId, ctx.serviceId))
  out.cashUpDifference = difference
  return out
}

/**
 * The period before's figures: plain sums when nothing is filtered (the split over lines is
 * only needed to filter by therapist or service), else the same split as the period's own.
 */
async function totalsBefore(ctx: ReportContext, period: Period, names: Map<number, string>) {
  if (ctx.therapistId !== null || ctx.serviceId !== null) return sumsIn(ctx, period, names)
  const [totals, difference] = await Promise.all([
    takingsTotals(ctx.db, period),
    cashUpDifference(ctx, period),
  ])
  return { ...totals, cashUpDifference: difference }
}

/** The entries of a map of totals, biggest first (then by key). */
function biggestFirst(map: Map<string, number>): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}

async function therapistNames(ctx: ReportContext): Promise<Map<number, string>> {
  const rows = await ctx.db.selectFrom('therapists').select(['id', 'name']).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

export const takingsReport: ReportDefinition = {
  async run(ctx): Promise<ReportBody> {
    const names = await therapistNames(ctx)
    const [now, before] = await Promise.all([
      sumsIn(ctx, ctx.period, names),
      ctx.previous ? totalsBefore(ctx, ctx.previous, names) : null,
    ])
    const weeks = new Map<string, number>()
    for (let w = weekStart(ctx.period.fromDate); w <= ctx.period.toDate; w = addDays(w, 7)) {
      weeks.set(w, 0)
    }
    for (const [day, d] of now.byDay) addTo(weeks, weekStart(day), d.received - d.refunds)
    const split = (
      title: string,
      id: string,
      net: Map<string, number>,
      inv: Map<string, number>,
      label: string,
    ) => {
      const rows = biggestFirst(net).map(([k, v]) => ({
        [id]: k,
        net: v,
        invoiced: inv.get(k) ?? 0,
      }))
      for (const [k, v] of biggestFirst(inv))
        if (!net.has(k)) rows.push({ [id]: k, net: 0, invoiced: v })
      return table(
        `by-${id}`,
        title,
        'split',
        [
          [id, label, 'text'],
          ['net', 'Net takings', 'pence'],
          ['invoiced', 'Invoiced', 'pence'],
        ],
        rows,
      )
    }
    return {
      title: 'Takings',
      figures: [
        figure('received', 'Received', 'pence', now.received, before?.received ?? null, 'received'),
        figure('refunds', 'Refunds', 'pence', now.refunds, before?.refunds ?? null, 'refunds'),
        figure(
          'net',
          'Net takings',
          'pence',
          now.received - now.refunds,
          before ? before.received - before.refunds : null,
          'netTakings',
        ),
        figure(
          'invoiced',
          'Invoiced',
          'pence',
          now.invoicedPence,
          before?.invoicedPence ?? null,
          'invoiced',
        ),
        figure(
          'credit-notes',
          'Credit notes',
          'pence',
          now.creditedPence,
          before?.creditedPence ?? null,
          'creditNotes',
        ),
        figure(
          'cash-up',
          'Cash-up differences',
          'pence',
          now.cashUpDifference,
          before?.cashUpDifference ?? null,
          'cashUpDifference',
        ),
      ],
      tables: [
        table(
          'by-day',
          'By day',
          'received',
          [
            ['date', 'Date', 'date'],
            ['received', 'Received', 'pence'],
            ['refunds', 'Refunds', 'pence'],
            ['net', 'Net takings', 'pence'],
          ],
          [...now.byDay]
            .sort((a, b) => a[0].localeCompare(b[0]))
            .map(([date, d]) => ({
              date,
              received: d.received,
              refunds: d.refunds,
              net: d.received - d.refunds,
            })),
        ),
        table(
          'by-method',
          'By payment method',
          'received',
          [
            ['method', 'Method', 'text'],
            ['net', 'Net takings', 'pence'],
          ],
          biggestFirst(now.byMethod).map(([method, net]) => ({ method, net })),
        ),
        split('By therapist', 'therapist', now.byTherapist, now.invoicedByTherapist, 'Therapist'),
        split('By service', 'service', now.byLabel, now.invoicedByLabel, 'Service'),
      ],
      series: [
        {
          id: 'takings-by-week',
          title: 'Takings by week',
          definition: DEFINITIONS.takingsByWeek,
          kind: 'pence',
          points: [...weeks].map(([w, v]) => ({ label: `w/c ${w}`, value: v })),
        },
      ],
    }
  },

  async rows(ctx, figureId): Promise<ReportTable> {
    const t = await takingsIn(ctx, ctx.period)
    if (figureId === 'cash-up') return cashUpRows(ctx)
    const pick: Record<string, [MoneyPart[], DefinitionId]> = {
      received: [t.parts.filter((p) => p.kind !== 'refund'), 'received'],
      refunds: [t.parts.filter((p) => p.kind === 'refund'), 'refunds'],
      net: [t.parts, 'netTakings'],
      invoiced: [t.invoiced, 'invoiced'],
      'credit-notes': [t.credits, 'creditNotes'],
    }
    const chosen = pick[figureId]
    if (!chosen) unknownFigure(figureId)
    return partRows(
      figureId,
      await withNames(ctx.db, chosen[0]),
      chosen[1],
      figureId === 'refunds' ? -1 : 1,
    )
  },
}

/** The rows behind a money figure: one per event (its parts in the filter summed). */
function partRows(
  id: string,
  parts: MoneyPart[],
  definition: DefinitionId,
  sign: 1 | -1,
): ReportTable {
  const byEvent = new Map<string, { p: MoneyPart; amount: number }>()
  for (const p of parts) {
    const key = `${p.source}:${p.eventId}`
    const e = byEvent.get(key)
    if (e) e.amount += p.amountPence
    else byEvent.set(key, { p, amount: p.amountPence })
  }
  const rows = [...byEvent.values()]
    .sort((a, b) => a.p.at.localeCompare(b.p.at) || a.p.eventId - b.p.eventId)
    .map(({ p, amount }) => ({
      at: p.at,
      clientId: p.clientId,
      client: p.clientName,
      invoiceId: p.invoiceId,
      invoice: p.invoiceNumber,
      method: p.methodName,
      kind: p.kind === 'credit_note' ? 'Credit note' : p.kind,
      amount: sign * amount,
    }))
  return table(
    id,
    'Rows behind the figure',
    definition,
    [
      ['at', 'When', 'datetime'],
      ['client', 'Client', 'text'],
      ['invoice', 'Invoice', 'text'],
      ['method', 'Method', 'text'],
      ['kind', 'Kind', 'text'],
      ['amount', 'Amount', 'pence'],
    ],
    rows,
    { kind: 'client', key: 'clientId' },
  )
}

async function cashUpRows(ctx: ReportContext): Promise<ReportTable> {
  const rows = await ctx.db
    .selectFrom('cash_ups as u')
    .innerJoin('cash_up_lines as l', 'l.cash_up_id', 'u.id')
    .innerJoin('payment_methods as m', 'm.id', 'l.method_id')
    .select([
      'u.id',
      'u.business_date',
      'u.by_name',
      'm.name',
      'l.expected_pence',
      'l.counted_pence',
    ])
    .where('u.business_date', '>=', ctx.period.fromDate)
    .where('u.business_date', '<=', ctx.period.toDate)
    .orderBy('u.business_date')
    .orderBy('u.id')
    .execute()
  return table(
    'cash-up',
    'Cash-ups in the period',
    'cashUpDifference',
    [
      ['date', 'Day', 'date'],
      ['by', 'By', 'text'],
      ['method', 'Method', 'text'],
      ['expected', 'Expected', 'pence'],
      ['counted', 'Counted', 'pence'],
      ['difference', 'Difference', 'pence'],
    ],
    rows.map((r) => ({
      date: r.business_date,
      by: r.by_name,
      method: r.name,
      expected: r.expected_pence,
      counted: r.counted_pence,
      difference: r.counted_pence - r.expected_pence,
    })),
  )
}
