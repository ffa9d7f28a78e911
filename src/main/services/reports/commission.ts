import type { Kysely } from 'kysely'
import type { CommissionRate } from '../../../shared/contract/report-values'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'
import {
  creditNoteParts,
  filterParts,
  invoicedParts,
  takingsParts,
  withNames,
  type MoneyPart,
} from './money-split'
import { eachTakingsShare, inFilter, invoicedGroups } from './money-sums'
import type { Period } from './range'
import {
  figure,
  table,
  unknownFigure,
  type ReportContext,
  type ReportDefinition,
} from './report-kit'

/** The rate for a therapist and service in basis points: the service's own, else theirs, else 0. */
export function rateFor(rates: CommissionRate[], therapistId: number, serviceId: number | null) {
  const own = rates.find(
    (r) => r.therapistId === therapistId && r.serviceId === serviceId && serviceId !== null,
  )
  const all = rates.find((r) => r.therapistId === therapistId && r.serviceId === null)
  return own?.rateBp ?? all?.rateBp ?? 0
}

/** Commission on an amount: rate × amount, to the nearest penny, halves away from zero. */
export function commissionOn(amountPence: number, rateBp: number): number {
  const exact = Math.abs(amountPence) * rateBp
  return Math.sign(amountPence) * Math.floor((exact + 5000) / 10_000)
}

export async function commissionRates(db: Kysely<DB>): Promise<CommissionRate[]> {
  const rows = await db
    .selectFrom('commission_rates')
    .selectAll()
    .orderBy('therapist_id')
    .orderBy('service_id')
    .execute()
  return rows.map((r) => ({
    therapistId: r.therapist_id,
    serviceId: r.service_id === 0 ? null : r.service_id,
    rateBp: r.rate_bp,
  }))
}

/** Replaces one therapist's rates (their own and per service). */
export async function setCommissionRates(
  db: Kysely<DB>,
  therapistId: number,
  rates: { serviceId: number | null; rateBp: number }[],
): Promise<CommissionRate[]> {
  const t = await db
    .selectFrom('therapists')
    .select('id')
    .where('id', '=', therapistId)
    .executeTakeFirst()
  if (!t) throw new DomainError('not_found', 'No such therapist.')
  const seen = new Set<number>()
  for (const r of rates) {
    const key = r.serviceId ?? 0
    if (seen.has(key)) {
      throw new DomainError('rule_broken', 'Give each service one rate.', [
        { path: 'rates', message: 'A service is listed twice' },
      ])
    }
    seen.add(key)
  }
  await db.deleteFrom('commission_rates').where('therapist_id', '=', therapistId).execute()
  if (rates.length) {
    await db
      .insertInto('commission_rates')
      .values(
        rates.map((r) => ({
          therapist_id: therapistId,
          service_id: r.serviceId ?? 0,
          rate_bp: r.rateBp,
        })),
      )
      .execute()
  }
  return commissionRates(db)
}

/** The commissionable amounts of a period: parts with a therapist, on the chosen basis. */
async function basisParts(ctx: ReportContext, period: Period): Promise<MoneyPart[]> {
  const parts =
    ctx.commissionBasis === 'received'
      ? await takingsParts(ctx.db, period)
      : [
          ...(await invoicedParts(ctx.db, period)),
          ...(await creditNoteParts(ctx.db, period)).map((p) => ({
            ...p,
            amountPence: -p.amountPence,
          })),
        ]
  return filterParts(parts, ctx.therapistId, ctx.serviceId).filter((p) => p.therapistId !== null)
}

async function commissionIn(ctx: ReportContext, period: Period, named = false) {
  const [found, rates] = await Promise.all([basisParts(ctx, period), commissionRates(ctx.db)])
  const parts = named ? await withNames(ctx.db, found) : found
  const rows = parts.map((p) => {
    const rateBp = rateFor(rates, p.therapistId!, p.serviceId)
    return { part: p, rateBp, commission: commissionOn(p.amountPence, rateBp) }
  })
  return { rows, total: rows.reduce((s, r) => s + r.commission, 0) }
}

/**
 * Each therapist's commissionable amount and commission in a period, summed without keeping
 * the parts: on received amounts each share of the takings split (eachTakingsShare); on
 * invoiced amounts issued lines counted in SQL by therapist, service and gross (lines alike
 * have the same commission, so a group's is its count times one line's), less credit notes
 * split over lines. Each part's commission is rounded before it is added, as in the rows.
 */
async function commissionSums(ctx: ReportContext, period: Period) {
  const rates = await commissionRates(ctx.db)
  const rateOf = new Map<string, number>()
  const by = new Map<number, { amount: number; commission: number }>()
  const add = (therapistId: number | null, serviceId: number | null, amount: number, n = 1) => {
    if (
      therapistId === null ||
      !inFilter({ therapistId, serviceId }, ctx.therapistId, ctx.serviceId)
    )
      return
    const key = `${therapistId}:${serviceId}`
    let bp = rateOf.get(key)
    if (bp === undefined) rateOf.set(key, (bp = rateFor(rates, therapistId, serviceId)))
    const t = by.get(therapistId) ?? { amount: 0, commission: 0 }
    t.amount += amount * n
    t.commission += commissionOn(amount, bp) * n
    by.set(therapistId, t)
  }
  if (ctx.commissionBasis === 'received') {
    await eachTakingsShare(ctx.db, period, (p) => add(p.therapistId, p.serviceId, p.amountPence))
  } else {
    const [groups, credits] = await Promise.all([
      invoicedGroups(ctx.db, period),
      creditNoteParts(ctx.db, period),
    ])
    for (const g of groups) add(g.therapistId, g.serviceId, g.grossPence, g.lines)
    for (const c of credits) add(c.therapistId, c.serviceId, -c.amountPence)
  }
  let total = 0
  for (const t of by.values()) total += t.commission
  return { by, total }
}

export const commissionReport: ReportDefinition = {
  async run(ctx) {
    const [now, before, names] = await Promise.all([
      commissionSums(ctx, ctx.period),
      ctx.previous ? commissionSums(ctx, ctx.previous) : null,
      ctx.db.selectFrom('therapists').select(['id', 'name']).execute(),
    ])
    const by = now.by
    const nameOf = new Map(names.map((n) => [n.id, n.name]))
    return {
      title: `Therapist commission (on ${ctx.commissionBasis} amounts)`,
      figures: [
        figure(
          'commission',
          'Commission due',
          'pence',
          now.total,
          before?.total ?? null,
          'commission',
        ),
      ],
      tables: [
        table(
          'by-therapist',
          'Commission by therapist',
          'commission',
          [
            ['therapist', 'Therapist', 'text'],
            ['amount', ctx.commissionBasis === 'received' ? 'Received' : 'Invoiced', 'pence'],
            ['commission', 'Commission', 'pence'],
          ],
          [...by]
            .map(([id, t]) => ({ therapist: nameOf.get(id) ?? `#${id}`, ...t }))
            .sort((a, b) => a.therapist.localeCompare(b.therapist)),
        ),
      ],
      series: [],
    }
  },
  async rows(ctx, figureId) {
    if (figureId !== 'commission') unknownFigure(figureId)
    const [now, names] = await Promise.all([
      commissionIn(ctx, ctx.period, true),
      ctx.db.selectFrom('therapists').select(['id', 'name']).execute(),
    ])
    const nameOf = new Map(names.map((n) => [n.id, n.name]))
    return table(
      'commission',
      'The amounts behind the commission',
      'commission',
      [
        ['at', 'When', 'datetime'],
        ['therapist', 'Therapist', 'text'],
        ['client', 'Client', 'text'],
        ['invoice', 'Invoice', 'text'],
        ['service', 'Line', 'text'],
        ['amount', 'Amount', 'pence'],
        ['rate', 'Rate', 'percent'],
        ['commission', 'Commission', 'pence'],
      ],
      now.rows.map((r) => ({
        at: r.part.at,
        therapist: nameOf.get(r.part.therapistId!) ?? '',
        clientId: r.part.clientId,
        client: r.part.clientName,
        invoiceId: r.part.invoiceId,
        invoice: r.part.invoiceNumber,
        service: r.part.label,
        amount: r.part.amountPence,
        rate: r.rateBp / 10_000,
        commission: r.commission,
      })),
      { kind: 'invoice', key: 'invoiceId' },
    )
  },
}
