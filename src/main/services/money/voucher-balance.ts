import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { utcToZoned } from '../diary/clinic-clock'
import { DomainError } from '../domain-error'
import { getClinicSettings } from '../settings'

/** "gv abcd efgh", "GVABCDEFGH" -> "GV-ABCD-EFGH": how codes are typed back. */
export function normaliseCode(typed: string): string {
  const bare = typed
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/^GV/, '')
  return bare.length === 8 ? `GV-${bare.slice(0, 4)}-${bare.slice(4)}` : typed.trim().toUpperCase()
}

/** The voucher's remaining balance: its value less every redemption (reversals add back). */
export async function voucherBalance(db: Kysely<DB>, voucherId: number): Promise<number> {
  const v = await db
    .selectFrom('gift_vouchers')
    .select('value_pence')
    .where('id', '=', voucherId)
    .executeTakeFirstOrThrow()
  const used = await db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_pence'), eb.lit(0)).as('used'))
    .where('voucher_id', '=', voucherId)
    .executeTakeFirstOrThrow()
  return v.value_pence - Number(used.used)
}

export async function today(db: Kysely<DB>, now: Date): Promise<string> {
  const { timeZone } = await getClinicSettings(db)
  return utcToZoned(now.getTime(), timeZone).date
}

/**
 * Finds a voucher by its code for redemption: refused when unknown, expired (after the
 * clinic-local expiry day) or used up.
 */
export async function redeemableVoucher(
  db: Kysely<DB>,
  typedCode: string,
  now: Date,
): Promise<{ id: number; code: string; balancePence: number }> {
  const code = normaliseCode(typedCode)
  const v = await db
    .selectFrom('gift_vouchers')
    .select(['id', 'code', 'expires_on'])
    .where('code', '=', code)
    .executeTakeFirst()
  const field = [{ path: 'payments', message: 'Check the voucher code' }]
  if (!v) throw new DomainError('not_found', `No gift voucher ${code}.`, field)
  if ((await today(db, now)) > v.expires_on) {
    throw new DomainError('rule_broken', `Gift voucher ${code} expired on ${v.expires_on}.`, field)
  }
  const balance = await voucherBalance(db, v.id)
  if (balance <= 0) throw new DomainError('rule_broken', `Gift voucher ${code} is used up.`, field)
  return { id: v.id, code: v.code, balancePence: balance }
}
