import { randomInt } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { GiftVoucher } from '../../../shared/contract/vouchers'
import type { DB } from '../../db/schema'
import { displayNameOf } from '../clients/client-record'
import { addDays } from '../diary/clinic-clock'
import type { MoneyActor } from './money-settings'
import { paidSale } from './paid-sale'
import type { PaymentResult, Tender } from './payments'
import { today } from './voucher-balance'

// No 0/O, 1/I/L: read aloud over the phone or typed from a printed card.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

function newCode(): string {
  let s = ''
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)]
  return `GV-${s.slice(0, 4)}-${s.slice(4)}`
}

/**
 * Sells a gift voucher in one command: an invoice with a voucher line (no VAT: see
 * invoice-drafts), issued and paid in full, and the voucher with a fresh code, valid for the
 * clinic's voucher months. A part-paid sale is refused and leaves nothing behind.
 */
export async function sellVoucher(
  db: Kysely<DB>,
  input: { clientId: number; valuePence: number; recipientName: string; payments: Tender[] },
  actor: MoneyActor,
  now: Date,
): Promise<PaymentResult & { voucherId: number; code: string; invoiceId: number; number: string }> {
  // No VAT on the line: see invoice-drafts (a multi-purpose voucher).
  const { invoiceId, number, ...paid } = await paidSale(
    db,
    {
      clientId: input.clientId,
      line: {
        kind: 'voucher',
        serviceId: null,
        description: 'Gift voucher',
        pricePence: input.valuePence,
      },
      payments: input.payments,
      refusal: { message: 'A gift voucher is sold paid in full.', field: 'Less than the voucher' },
    },
    actor,
    now,
  )
  const months = await db
    .selectFrom('money_settings')
    .select('voucher_months')
    .executeTakeFirstOrThrow()
  const sold = await today(db, now)
  const [y, m, d] = sold.split('-').map(Number) as [number, number, number]
  const end = new Date(Date.UTC(y, m - 1 + months.voucher_months, d))
  const expiresOn = addDays(end.toISOString().slice(0, 10), -1)
  let code = newCode()
  while (
    await db.selectFrom('gift_vouchers').select('id').where('code', '=', code).executeTakeFirst()
  ) {
    code = newCode()
  }
  const row = await db
    .insertInto('gift_vouchers')
    .values({
      code,
      client_id: input.clientId,
      recipient_name: input.recipientName,
      value_pence: input.valuePence,
      invoice_id: invoiceId,
      expires_on: expiresOn,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { ...paid, invoiceId, number, voucherId: row.id, code }
}

/** Every voucher with its derived balance, newest first, and what is still unredeemed. */
export async function listVouchers(
  db: Kysely<DB>,
  now: Date,
): Promise<{ rows: GiftVoucher[]; unredeemedPence: number }> {
  const day = await today(db, now)
  const rows = await db
    .selectFrom('gift_vouchers as v')
    .innerJoin('clients as c', 'c.id', 'v.client_id')
    .innerJoin('invoices as i', 'i.id', 'v.invoice_id')
    .select([
      'v.id',
      'v.code',
      'v.client_id',
      'v.recipient_name',
      'v.value_pence',
      'v.expires_on',
      'v.created_at',
      'i.number',
      'c.title',
      'c.first_name',
      'c.last_name',
      'c.preferred_name',
    ])
    .select((eb) =>
      eb(
        'v.value_pence',
        '-',
        eb.fn.coalesce(
          eb
            .selectFrom('ledger_entries as r')
            .select((r) => r.fn.sum<number>('r.amount_pence').as('used'))
            .whereRef('r.voucher_id', '=', 'v.id'),
          eb.lit(0),
        ),
      ).as('balance'),
    )
    .orderBy('v.id', 'desc')
    .execute()
  const out = rows.map((r) => ({
    id: r.id,
    code: r.code,
    buyerId: r.client_id,
    buyerName: displayNameOf(r),
    recipientName: r.recipient_name,
    valuePence: r.value_pence,
    balancePence: r.balance,
    expiresOn: r.expires_on,
    expired: day > r.expires_on,
    invoiceNumber: r.number ?? '',
    soldAt: r.created_at,
  }))
  return {
    rows: out,
    unredeemedPence: out.filter((v) => !v.expired).reduce((s, v) => s + v.balancePence, 0),
  }
}
