import type { Actor } from '../actor'
import type { Kysely } from 'kysely'
import type { MoneySettings } from '../../../shared/contract/money-values'
import type { DB } from '../../db/schema'

/** Who is doing something with money: recorded on invoices and ledger entries. */
export interface MoneyActor {
  userId: number | null
  name: string | null
}

/** Who money records name as taking or issuing: the signed-in member of staff. */
export function moneyActorOf(actor: Actor): MoneyActor {
  return { userId: actor.userId, name: actor.displayName }
}

/** The clinic's invoice numbering and VAT settings (one row, migration 0800). */
export async function getMoneySettings(db: Kysely<DB>): Promise<MoneySettings> {
  const r = await db
    .selectFrom('money_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return {
    invoicePrefix: r.invoice_prefix,
    creditNotePrefix: r.credit_note_prefix,
    numberDigits: r.number_digits,
    firstInvoiceNumber: r.first_invoice_number,
    vatRegistered: r.vat_registered === 1,
    vatNumber: r.vat_number,
    standardRateBp: r.standard_rate_bp,
    reducedRateBp: r.reduced_rate_bp,
    voucherMonths: r.voucher_months,
    noShowFee: { kind: r.no_show_fee_kind, value: r.no_show_fee_value },
    lateCancelFee: { kind: r.late_cancel_fee_kind, value: r.late_cancel_fee_value },
  }
}

export async function updateMoneySettings(
  db: Kysely<DB>,
  input: Omit<MoneySettings, 'standardRateBp' | 'reducedRateBp'>,
  now: Date,
): Promise<MoneySettings> {
  await db
    .updateTable('money_settings')
    .set({
      invoice_prefix: input.invoicePrefix,
      credit_note_prefix: input.creditNotePrefix,
      number_digits: input.numberDigits,
      first_invoice_number: input.firstInvoiceNumber,
      vat_registered: input.vatRegistered ? 1 : 0,
      vat_number: input.vatNumber,
      voucher_months: input.voucherMonths,
      no_show_fee_kind: input.noShowFee.kind,
      no_show_fee_value: input.noShowFee.value,
      late_cancel_fee_kind: input.lateCancelFee.kind,
      late_cancel_fee_value: input.lateCancelFee.value,
      updated_at: now.toISOString(),
    })
    .where('id', '=', 1)
    .execute()
  return getMoneySettings(db)
}

/** "INV-" and 123 with 6 digits -> "INV-000123"; longer numbers are never cut. */
export function formatDocumentNumber(prefix: string, digits: number, seq: number): string {
  return `${prefix}${String(seq).padStart(digits, '0')}`
}
