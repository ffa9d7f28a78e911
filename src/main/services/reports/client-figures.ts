import { isoPlusDays, msBetween, noIndexOrder } from '../../db/report-sql'
import { appointmentsIn } from './appointments'
import { ATTENDED } from './definitions'
import type { Period } from './range'
import type { ReportContext } from './report-kit'

/** "Average visits for each new client within 90 days" (issue 14). */
export const NEW_CLIENT_DAYS = 90
const DAY = 86_400_000

/** The clients report's figures for one period, counted in SQL (the rows behind are in JS). */
export interface ClientFigures {
  /** Attended appointments in the period within the filters. */
  visits: number
  /** Of those, the ones after which the client rebooked (DEFINITIONS.rebookRate). */
  rebooked: number
  /** Clients with a visit. */
  clients: number
  /** Those of them who had never attended before the period, with their visits in 90 days. */
  newClients: { clientId: number; visits90: number }[]
}

/**
 * The figures of DEFINITIONS.newClients, returningClients, rebookRate and visitsPerNewClient
 * for a period, as statements whose work stays in SQLite: each visit's rebooking is read from
 * its stored next_made_at, each client's attending before is one EXISTS on the client-and-start
 * index (appointments_for_rebooking, covering). Bringing a year's visits and their clients'
 * later bookings into JS was 6 s for a year at the bench's 500,000 appointments.
 */
export async function clientFigures(ctx: ReportContext, period: Period): Promise<ClientFigures> {
  const [counts, fresh] = await Promise.all([visitCounts(ctx, period), clientsOf(ctx, period)])
  return { ...counts, ...fresh }
}

const attended = [...ATTENDED]
const visitsIn = (ctx: ReportContext, period: Period) =>
  appointmentsIn(ctx, period).where('a.status', 'in', attended)

/**
 * Visits, their clients and the visits rebooked after: each appointment carries when the
 * client's earliest-made later booking was made (next_made_at, kept by migration 1300's
 * triggers), so this is one range of the covering appointments_for_reports index. (An EXISTS
 * per visit over the client's later bookings was ~1 s for a year at the bench's scale.)
 */
async function visitCounts(ctx: ReportContext, period: Period) {
  const counts = await visitsIn(ctx, period)
    .select((eb) => [
      eb.fn.countAll<number>().as('visits'),
      eb.fn
        .coalesce(
          eb.fn.sum<number>(
            // Whole milliseconds, as the rule's days of 86,400 s: strftime's "+N days" on
            // every visit cost more than the rest of the count.
            eb(
              msBetween(eb.ref('a.next_made_at'), eb.ref('a.ends_at')),
              '<=',
              ctx.rebookWindowDays * DAY,
            ),
          ),
          eb.lit(0),
        )
        .as('rebooked'),
    ])
    .executeTakeFirstOrThrow()
  return {
    visits: Number(counts.visits),
    rebooked: Number(counts.rebooked),
  }
}

/**
 * The clients with a visit in the period who had never attended before it, with their visits
 * in the 90 days from their first (the referrals report needs only these).
 */
export async function newClientsIn(
  ctx: ReportContext,
  period: Period,
): Promise<ClientFigures['newClients']> {
  return (await clientsOf(ctx, period)).newClients
}

/**
 * How many clients had a visit in the period, and which of them were new (with their visits in
 * 90 days), in one statement: the period's distinct clients (a sort of a year's visits) are
 * found once, materialised, and both counted and searched for new ones.
 */
async function clientsOf(
  ctx: ReportContext,
  period: Period,
): Promise<Pick<ClientFigures, 'clients' | 'newClients'>> {
  const rows = await ctx.db
    // "+": DISTINCT must not pick the client-and-start index for its order (a skip-scan
    // reading table rows: 560 ms) over the covering one on the start.
    .with(
      (cte) => cte('c').materialized(),
      () => visitsIn(ctx, period).select(noIndexOrder('a.client_id').as('client_id')).distinct(),
    )
    .with('k', (db) => db.selectFrom('c').select((eb) => eb.fn.countAll<number>().as('clients')))
    .with('fresh', (db) =>
      db
        .selectFrom('c')
        .select('c.client_id')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('appointments as b')
                .select((e) => e.lit(1).as('one'))
                .whereRef('b.client_id', '=', 'c.client_id')
                .where('b.starts_at', '<', period.fromAt)
                .where('b.status', 'in', attended),
            ),
          ),
        ),
    )
    // Each new client's first visit in the period, with any therapist or service.
    .with('firsts', (db) =>
      db
        .selectFrom('appointments as f')
        .innerJoin('fresh', 'fresh.client_id', 'f.client_id')
        .select((eb) => ['f.client_id', eb.fn.min('f.starts_at').as('first_at')])
        .where('f.status', 'in', attended)
        .where('f.starts_at', '>=', period.fromAt)
        .where('f.starts_at', '<', period.toAt)
        .groupBy('f.client_id'),
    )
    // One row when there are no new clients: k's count, with no client.
    .selectFrom('k')
    .leftJoin('firsts', (join) => join.onTrue())
    .select((eb) => [
      'k.clients',
      'firsts.client_id',
      eb
        .selectFrom('appointments as g')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('g.client_id', '=', 'firsts.client_id')
        .where('g.status', 'in', attended)
        .whereRef('g.starts_at', '>=', 'firsts.first_at')
        .where('g.starts_at', '<', isoPlusDays(eb.ref('firsts.first_at'), NEW_CLIENT_DAYS))
        .as('visits90'),
    ])
    .orderBy('firsts.client_id')
    .execute()
  return {
    clients: Number(rows[0]?.clients ?? 0),
    newClients: rows.flatMap((r) =>
      r.client_id === null ? [] : [{ clientId: r.client_id, visits90: Number(r.visits90 ?? 0) }],
    ),
  }
}
