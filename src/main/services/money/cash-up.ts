import type { ExpressionBuilder, Kysely } from 'kysely'
import type { LedgerEntriesTable } from '../../db/schema-money'
import type { CashUp, CashUpDay } from '../../../shared/contract/cash-up'
import type { DB } from '../../db/schema'
import { addDays, zonedToUtc } from '../diary/clinic-clock'
import { getClinicSettings } from '../settings'
import { DomainError } from '../domain-error'
import type { MoneyActor } from './money-settings'

/** Methods that are money in the till or the bank; account credit moves nothing. */
const COUNTED_KINDS = ['card', 'cash', 'bank_transfer', 'other'] as const

/** What each method took on a clinic-local day, from the ledger (refunds net off). */
async function takenOn(db: Kysely<DB>, date: string) {
  const { timeZone } = await getClinicSettings(db)
  const from = new Date(zonedToUtc(date, 0, timeZone)).toISOString()
  const to = new Date(zonedToUtc(addDays(date, 1), 0, timeZone)).toISOString()
  const taken = (eb: ExpressionBuilder<DB & { e: LedgerEntriesTable }, 'e'>) =>
    eb.fn.coalesce(eb.fn.sum<number>('e.amount_pence'), eb.lit(0))
  return db
    .selectFrom('payment_methods as m')
    .leftJoin('ledger_entries as e', (join) =>
      join.onRef('e.method_id', '=', 'm.id').on('e.at', '>=', from).on('e.at', '<', to),
    )
    .select(['m.id', 'm.name', 'm.kind', (eb) => taken(eb).as('taken')])
    .where('m.kind', 'in', [...COUNTED_KINDS])
    .groupBy('m.id')
    .having((eb) => eb.or([eb('m.active', '=', 1), eb(taken(eb), '<>', 0)]))
    .orderBy('m.sort_order')
    .orderBy('m.id')
    .execute()
}

/**
 * The day's expected takings by method (cash plus the float the owner sets), and the
 * cash-ups already recorded for it, newest first.
 */
export async function cashUpDay(db: Kysely<DB>, date: string): Promise<CashUpDay> {
  const taken = await takenOn(db, date)
  const recorded = await db
    .selectFrom('cash_ups')
    .selectAll()
    .where('business_date', '=', date)
    .orderBy('id', 'desc')
    .execute()
  const ups: CashUp[] = []
  for (const r of recorded) {
    const lines = await db
      .selectFrom('cash_up_lines as l')
      .innerJoin('payment_methods as m', 'm.id', 'l.method_id')
      .select(['l.method_id', 'm.name', 'l.expected_pence', 'l.counted_pence'])
      .where('l.cash_up_id', '=', r.id)
      .orderBy('m.sort_order')
      .execute()
    ups.push({
      id: r.id,
      date: r.business_date,
      at: r.at,
      byName: r.by_name,
      floatPence: r.float_pence,
      note: r.note,
      lines: lines.map((l) => ({
        methodId: l.method_id,
        name: l.name,
        expectedPence: l.expected_pence,
        countedPence: l.counted_pence,
        differencePence: l.counted_pence - l.expected_pence,
      })),
      differencePence: lines.reduce((s, l) => s + l.counted_pence - l.expected_pence, 0),
    })
  }
  return {
    date,
    methods: taken.map((t) => ({
      methodId: t.id,
      name: t.name,
      kind: t.kind,
      takenPence: t.taken,
    })),
    recorded: ups,
  }
}

/**
 * Records a count against what the ledger expects: cash expects the float plus the day's
 * cash. Every counted method is stored with its expectation, so the difference stays as it
 * was seen even if a late entry changes the day afterwards.
 */
export async function recordCashUp(
  db: Kysely<DB>,
  input: {
    date: string
    floatPence: number
    counts: { methodId: number; countedPence: number }[]
    note: string
  },
  actor: MoneyActor,
  now: Date,
): Promise<{ id: number; differencePence: number }> {
  const taken = await takenOn(db, input.date)
  const byId = new Map(taken.map((t) => [t.id, t]))
  const seen = new Set<number>()
  for (const c of input.counts) {
    if (!byId.has(c.methodId))
      throw new DomainError('rule_broken', 'That method is not counted at cash-up.')
    if (seen.has(c.methodId)) throw new DomainError('rule_broken', 'Count each method once.')
    seen.add(c.methodId)
  }
  const row = await db
    .insertInto('cash_ups')
    .values({
      business_date: input.date,
      at: now.toISOString(),
      by_user_id: actor.userId,
      by_name: actor.name,
      float_pence: input.floatPence,
      note: input.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  let difference = 0
  for (const c of input.counts) {
    const t = byId.get(c.methodId)!
    const expected = t.taken + (t.kind === 'cash' ? input.floatPence : 0)
    difference += c.countedPence - expected
    await db
      .insertInto('cash_up_lines')
      .values({
        cash_up_id: row.id,
        method_id: c.methodId,
        expected_pence: expected,
        counted_pence: c.countedPence,
      })
      .execute()
  }
  return { id: row.id, differencePence: difference }
}
