import type { ReportTable } from '../../../shared/contract/report-values'
import { ATTENDED, MONEY_METHOD_KINDS } from './definitions'
import { appointmentsIn } from './appointments'
import { clientFigures, newClientsIn, NEW_CLIENT_DAYS, type ClientFigures } from './client-figures'
import type { Period } from './range'
import {
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
export { NEW_CLIENT_DAYS }

interface Visit {
  id: number
  clientId: number
  startsAt: string
  endsAt: string
  /** The client's first attended appointment in the period (any therapist or service). */
  firstAt: string
  /**
   * When the earliest-made booking starting after this visit was made; null if none (the
   * appointment's next_made_at, kept by migration 1300's triggers).
   */
  nextMadeAt: string | null
}

interface Later {
  startsAt: string
  attended: boolean
}

/**
 * Attended appointments in a period within the filters, with what the figures need. Three
 * reads, none per visit: the visits; which of their clients attended before the period (one
 * EXISTS per client on the client-and-start index); and every appointment of those clients
 * from the period's start on, from which each new client's first visit and their visits in 90
 * days are found in memory. Each visit's next booking is stored on it (next_made_at). (Correlated subqueries per visit
 * cost 470 ms p95 for a year at a tenth of the bench's scale.)
 */
async function visitsIn(ctx: ReportContext, period: Period) {
  const rows = await appointmentsIn(ctx, period)
    .where('a.status', 'in', [...ATTENDED])
    .select(['a.id', 'a.client_id', 'a.starts_at', 'a.ends_at', 'a.next_made_at'])
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .execute()
  const clientIds = [...new Set(rows.map((r) => r.client_id))]
  const returning = new Set<number>()
  const later = new Map<number, Later[]>()
  for (const ids of chunks(clientIds)) {
    const before = await ctx.db
      .selectFrom('clients as c')
      .select('c.id')
      .where('c.id', 'in', ids)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('appointments as f')
            .select('f.id')
            .whereRef('f.client_id', '=', 'c.id')
            .where('f.starts_at', '<', period.fromAt)
            .where('f.status', 'in', [...ATTENDED]),
        ),
      )
      .execute()
    for (const r of before) returning.add(r.id)
    const theirs = await ctx.db
      .selectFrom('appointments')
      .select(['client_id', 'starts_at', 'status'])
      .where('client_id', 'in', ids)
      .where('starts_at', '>=', period.fromAt)
      .orderBy('client_id')
      .orderBy('starts_at')
      .execute()
    for (const r of theirs) {
      let list = later.get(r.client_id)
      if (!list) later.set(r.client_id, (list = []))
      list.push({
        startsAt: r.starts_at,
        attended: (ATTENDED as readonly string[]).includes(r.status),
      })
    }
  }
  const firstOf = new Map<number, string>()
  for (const [clientId, list] of later) {
    const first = list.find((l) => l.attended && l.startsAt < period.toAt)
    if (first) firstOf.set(clientId, first.startsAt)
  }
  const visits: Visit[] = rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    firstAt: firstOf.get(r.client_id) ?? r.starts_at,
    nextMadeAt: r.next_made_at,
  }))
  return { visits, clientIds, returning, later, firstOf }
}

function rebooked(v: Visit, windowDays: number): boolean {
  return (
    v.nextMadeAt !== null && Date.parse(v.nextMadeAt) <= Date.parse(v.endsAt) + windowDays * DAY
  )
}

async function clientsIn(ctx: ReportContext, period: Period) {
  const { visits, clientIds, returning, later, firstOf } = await visitsIn(ctx, period)
  const newIds = clientIds.filter((id) => !returning.has(id))
  // Visits of the new clients in the 90 days from each one's first (any therapist or service).
  const counts = new Map<number, number>()
  for (const id of newIds) {
    const first = Date.parse(firstOf.get(id)!)
    const n = (later.get(id) ?? []).filter(
      (l) => l.attended && Date.parse(l.startsAt) < first + NEW_CLIENT_DAYS * DAY,
    ).length
    counts.set(id, n)
  }
  const visitsOfNew = newIds.reduce((s, id) => s + (counts.get(id) ?? 0), 0)
  const rebookedCount = visits.filter((v) => rebooked(v, ctx.rebookWindowDays)).length
  return {
    visits,
    newIds,
    counts,
    newCount: newIds.length,
    returningCount: clientIds.length - newIds.length,
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

/** The four figures from SQL's counts (the same definitions clientsIn works out row by row). */
function figuresOf(f: ClientFigures) {
  const visitsOfNew = f.newClients.reduce((s, c) => s + c.visits90, 0)
  return {
    newCount: f.newClients.length,
    returningCount: f.clients - f.newClients.length,
    rebookRate: rate(f.rebooked, f.visits),
    visitsPerNew: f.newClients.length ? visitsOfNew / f.newClients.length : null,
  }
}

export const clientsReport: ReportDefinition = {
  async run(ctx) {
    const [now, before] = await Promise.all([
      clientFigures(ctx, ctx.period).then(figuresOf),
      ctx.previous ? clientFigures(ctx, ctx.previous).then(figuresOf) : null,
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
    const fresh = await newClientsIn(ctx, ctx.period)
    const now = { newIds: fresh.map((c) => c.clientId), newCount: fresh.length }
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
