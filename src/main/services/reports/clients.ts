import type { ReportTable } from '../../../shared/contract/report-values'
import { ATTENDED, MONEY_METHOD_KINDS } from './definitions'
import { appointmentsIn } from './appointments'
import type { Period } from './range'
import {
  addTo,
  chunks,
  figure,
  fullName,
  rate,
  table,
  unknownFigure,
  type ReportContext,
  type ReportDefinition,
} from './report-kit'

const DAY = 86_400_000
/** "Average visits for each new client within 90 days" (issue 14). */
export const NEW_CLIENT_DAYS = 90

interface Visit {
  id: number
  clientId: number
  startsAt: string
  endsAt: string
  /** The client's first attended appointment ever. */
  firstAt: string
  /** When the earliest-made booking starting after this visit was made; null if none. */
  nextMadeAt: string | null
}

/** Attended appointments in a period within the filters, with what the figures need. */
async function visitsIn(ctx: ReportContext, period: Period): Promise<Visit[]> {
  const rows = await appointmentsIn(ctx, period)
    .where('a.status', 'in', [...ATTENDED])
    .select((eb) => [
      'a.id',
      'a.client_id',
      'a.starts_at',
      'a.ends_at',
      eb
        .selectFrom('appointments as f')
        .select((f) => f.fn.min<string>('f.starts_at').as('m'))
        .whereRef('f.client_id', '=', 'a.client_id')
        .where('f.status', 'in', [...ATTENDED])
        .as('first_at'),
      eb
        .selectFrom('appointments as n')
        .select((f) => f.fn.min<string>('n.created_at').as('m'))
        .whereRef('n.client_id', '=', 'a.client_id')
        .whereRef('n.starts_at', '>', 'a.starts_at')
        .as('next_made_at'),
    ])
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    firstAt: r.first_at ?? r.starts_at,
    nextMadeAt: r.next_made_at ?? null,
  }))
}

function rebooked(v: Visit, windowDays: number): boolean {
  return (
    v.nextMadeAt !== null && Date.parse(v.nextMadeAt) <= Date.parse(v.endsAt) + windowDays * DAY
  )
}

async function clientsIn(ctx: ReportContext, period: Period) {
  const visits = await visitsIn(ctx, period)
  const firstOf = new Map<number, string>()
  for (const v of visits) firstOf.set(v.clientId, v.firstAt)
  const newIds = [...firstOf].filter(([, first]) => first >= period.fromAt).map(([id]) => id)
  // Visits of the new clients in the 90 days from each one's first (any therapist or service).
  const counts = new Map<number, number>()
  const until = new Date(Date.parse(period.toAt) + NEW_CLIENT_DAYS * DAY).toISOString()
  for (const ids of chunks(newIds)) {
    const rows = await ctx.db
      .selectFrom('appointments')
      .select(['client_id', 'starts_at'])
      .where('client_id', 'in', ids)
      .where('status', 'in', [...ATTENDED])
      .where('starts_at', '>=', period.fromAt)
      .where('starts_at', '<', until)
      .execute()
    for (const r of rows) {
      const first = Date.parse(firstOf.get(r.client_id)!)
      if (Date.parse(r.starts_at) < first + NEW_CLIENT_DAYS * DAY) addTo(counts, r.client_id, 1)
    }
  }
  const visitsOfNew = newIds.reduce((s, id) => s + (counts.get(id) ?? 0), 0)
  const rebookedCount = visits.filter((v) => rebooked(v, ctx.rebookWindowDays)).length
  return {
    visits,
    newIds,
    counts,
    newCount: newIds.length,
    returningCount: firstOf.size - newIds.length,
    rebookRate: rate(rebookedCount, visits.length),
    visitsPerNew: newIds.length ? visitsOfNew / newIds.length : null,
  }
}

async function clientNames(ctx: ReportContext, ids: number[]) {
  const out = new Map<number, { name: string; referral: string }>()
  for (const part of chunks(ids)) {
    const rows = await ctx.db
      .selectFrom('clients')
      .select(['id', 'first_name', 'last_name', 'referral_source'])
      .where('id', 'in', part)
      .execute()
    for (const r of rows)
      out.set(r.id, { name: fullName(r.first_name, r.last_name), referral: r.referral_source })
  }
  return out
}

export const clientsReport: ReportDefinition = {
  async run(ctx) {
    const [now, before] = await Promise.all([
      clientsIn(ctx, ctx.period),
      ctx.previous ? clientsIn(ctx, ctx.previous) : null,
    ])
    return {
      title: 'Clients',
      figures: [
        figure('new', 'New clients', 'count', now.newCount, before?.newCount ?? null, 'newClients'),
        figure(
          'returning',
          'Returning clients',
          'count',
          now.returningCount,
          before?.returningCount ?? null,
          'returningClients',
        ),
        figure(
          'rebook-rate',
          'Rebook rate',
          'percent',
          now.rebookRate,
          before?.rebookRate ?? null,
          'rebookRate',
        ),
        figure(
          'visits-per-new',
          'Visits per new client (90 days)',
          'number',
          now.visitsPerNew,
          before?.visitsPerNew ?? null,
          'visitsPerNewClient',
        ),
      ],
      tables: [],
      series: [],
    }
  },
  async rows(ctx, figureId): Promise<ReportTable> {
    const now = await clientsIn(ctx, ctx.period)
    if (figureId === 'rebook-rate') {
      const names = await clientNames(ctx, [...new Set(now.visits.map((v) => v.clientId))])
      return table(
        figureId,
        'Attended appointments and whether the client rebooked',
        'rebookRate',
        [
          ['startsAt', 'Visit', 'datetime'],
          ['client', 'Client', 'text'],
          ['rebooked', 'Rebooked', 'text'],
          ['nextMadeAt', 'Next booking made', 'datetime'],
        ],
        now.visits.map((v) => ({
          appointmentId: v.id,
          startsAt: v.startsAt,
          clientId: v.clientId,
          client: names.get(v.clientId)?.name ?? '',
          rebooked: rebooked(v, ctx.rebookWindowDays) ? 'Yes' : 'No',
          nextMadeAt: v.nextMadeAt,
        })),
        { kind: 'client', key: 'clientId' },
      )
    }
    if (!['new', 'returning', 'visits-per-new'].includes(figureId)) unknownFigure(figureId)
    const firstOf = new Map(now.visits.map((v) => [v.clientId, v.firstAt]))
    const newSet = new Set(now.newIds)
    const ids = [...firstOf.keys()].filter((id) => newSet.has(id) === (figureId !== 'returning'))
    const names = await clientNames(ctx, ids)
    return table(
      figureId,
      figureId === 'returning' ? 'Returning clients' : 'New clients',
      figureId === 'returning'
        ? 'returningClients'
        : figureId === 'new'
          ? 'newClients'
          : 'visitsPerNewClient',
      [
        ['client', 'Client', 'text'],
        ['firstAt', 'First attended', 'datetime'],
        ...(figureId === 'returning'
          ? []
          : ([['visits90', 'Visits in 90 days', 'count']] as const)),
      ] as [string, string, 'text' | 'datetime' | 'count'][],
      ids
        .map((id) => ({
          clientId: id,
          client: names.get(id)?.name ?? '',
          firstAt: firstOf.get(id)!,
          visits90: now.counts.get(id) ?? 0,
        }))
        .sort((a, b) => a.client.localeCompare(b.client) || a.clientId - b.clientId),
      { kind: 'client', key: 'clientId' },
    )
  },
}

/** Net takings received from each client in a period (cash basis, as DEFINITIONS.netTakings). */
async function takenFrom(ctx: ReportContext, period: Period, ids: number[]) {
  const out = new Map<number, number>()
  for (const part of chunks(ids)) {
    const rows = await ctx.db
      .selectFrom('ledger_entries as e')
      .innerJoin('payment_methods as m', 'm.id', 'e.method_id')
      .select((eb) => ['e.client_id', eb.fn.sum<number>('e.amount_pence').as('net')])
      .where('e.client_id', 'in', part)
      .where('m.kind', 'in', [...MONEY_METHOD_KINDS])
      .where('e.kind', 'in', ['payment', 'reversal', 'refund'])
      .where('e.at', '>=', period.fromAt)
      .where('e.at', '<', period.toAt)
      .groupBy('e.client_id')
      .execute()
    for (const r of rows) out.set(r.client_id, Number(r.net))
  }
  return out
}

export const referralsReport: ReportDefinition = {
  async run(ctx) {
    const now = await clientsIn(ctx, ctx.period)
    const [names, taken] = await Promise.all([
      clientNames(ctx, now.newIds),
      takenFrom(ctx, ctx.period, now.newIds),
    ])
    const by = new Map<string, { clients: number; revenue: number }>()
    for (const id of now.newIds) {
      const source = names.get(id)?.referral || 'Not recorded'
      const s = by.get(source) ?? { clients: 0, revenue: 0 }
      s.clients += 1
      s.revenue += taken.get(id) ?? 0
      by.set(source, s)
    }
    const rows = [...by]
      .map(([source, s]) => ({ source, clients: s.clients, revenue: s.revenue }))
      .sort((a, b) => b.clients - a.clients || a.source.localeCompare(b.source))
    return {
      title: 'Referral sources',
      figures: [figure('new', 'New clients', 'count', now.newCount, null, 'referrals')],
      tables: [
        table(
          'by-source',
          'New clients by referral source',
          'referrals',
          [
            ['source', 'Referral source', 'text'],
            ['clients', 'New clients', 'count'],
            ['revenue', 'Net takings from them', 'pence'],
          ],
          rows,
        ),
      ],
      series: [],
    }
  },
  async rows(ctx, figureId) {
    if (figureId !== 'new') unknownFigure(figureId)
    const now = await clientsIn(ctx, ctx.period)
    const [names, taken] = await Promise.all([
      clientNames(ctx, now.newIds),
      takenFrom(ctx, ctx.period, now.newIds),
    ])
    return table(
      'new',
      'New clients and where they heard of the clinic',
      'referrals',
      [
        ['client', 'Client', 'text'],
        ['source', 'Referral source', 'text'],
        ['revenue', 'Net takings', 'pence'],
      ],
      now.newIds
        .map((id) => ({
          clientId: id,
          client: names.get(id)?.name ?? '',
          source: names.get(id)?.referral || 'Not recorded',
          revenue: taken.get(id) ?? 0,
        }))
        .sort((a, b) => a.client.localeCompare(b.client) || a.clientId - b.clientId),
      { kind: 'client', key: 'clientId' },
    )
  },
}
