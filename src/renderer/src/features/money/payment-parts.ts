import type { KeyboardEvent } from 'react'
import type { PaymentMethod } from '../../../../shared/contract/money-values'
import {
  ENTER_AN_AMOUNT,
  formatPence,
  parsePounds,
  poundsText,
} from '../../../../shared/money/pounds'
import { RpcError } from '../../../../shared/rpc'
import { isVoucher, type PaymentRow } from './PaymentRows'

/** One part of a payment as main takes it (the contract's tender). */
export type Tender =
  | { methodId: number; amountPence: number; voucherCode: string }
  | { methodId: number; amountPence: number; reference: string }

/** What the parts add up to, in pence (amounts not yet money count as nothing). */
export const enteredPence = (rows: PaymentRow[]) =>
  rows.reduce((s, r) => s + (parsePounds(r.amount) ?? 0), 0)

/**
 * The part "Split" (Alt+S) adds: the first method that is money (not credit or a voucher)
 * and not used yet, holding what is left to pay.
 */
export function splitPart(
  rows: PaymentRow[],
  methods: PaymentMethod[],
  leftPence: number,
  key: number,
): PaymentRow {
  const used = new Set(rows.map((r) => r.methodId))
  const method = methods.find(
    (m) => !used.has(m.id) && m.kind !== 'account_credit' && m.kind !== 'gift_voucher',
  )
  return {
    key,
    methodId: method?.id ?? methods[0]?.id ?? 0,
    amount: leftPence > 0 ? poundsText(leftPence) : '',
    reference: '',
  }
}

/** The parts as main takes them, and each amount that is not money, by its field path. */
export function tendersOf(
  rows: PaymentRow[],
  methods: PaymentMethod[],
): { payments: Tender[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const payments = rows.map((r, i): Tender => {
    const pence = parsePounds(r.amount)
    if (!pence) errors[`payments.${i}.amountPence`] = ENTER_AN_AMOUNT
    return isVoucher(methods, r)
      ? { methodId: r.methodId, amountPence: pence ?? 0, voucherCode: r.reference }
      : { methodId: r.methodId, amountPence: pence ?? 0, reference: r.reference }
  })
  return { payments, errors }
}

/** "Cash £20.00 + Card £35.00". */
export function partsInWords(payments: Tender[], methods: PaymentMethod[]): string {
  const names = new Map(methods.map((m) => [m.id, m.name]))
  return payments
    .map((p) => `${names.get(p.methodId) ?? 'Other'} ${formatPence(p.amountPence)}`)
    .join(' + ')
}

/** The till's keys in a payment form: Alt+S splits, Alt+G goes to "Cash given". */
export function onTillKey(e: KeyboardEvent, split: () => void, toCashGiven: () => void) {
  const key = e.key.toLowerCase()
  if (!e.altKey || (key !== 's' && key !== 'g')) return
  e.preventDefault()
  if (key === 's') split()
  else toCashGiven()
}

/** Main's refusal of a payment: its field errors by path, and the banner's words. */
export function refusalOf(error: unknown): { errors: Record<string, string>; message: string } {
  if (error instanceof RpcError) {
    return {
      errors: Object.fromEntries(error.fieldErrors.map((f) => [f.path, f.message])),
      message: error.message,
    }
  }
  return { errors: {}, message: 'That did not work; nothing was taken. Please try again.' }
}
