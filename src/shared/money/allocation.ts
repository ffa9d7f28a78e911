/** How a part of a payment counts: account credit, a gift voucher, or money (card, cash…). */
export type TenderKind = 'credit' | 'voucher' | 'money'

export interface AllocationPart {
  /** Index of the tender (the payment row) in the order given. */
  tender: number
  /** The invoice paid, or null for what goes to the client's account credit. */
  invoiceId: number | null
  amountPence: number
}

export interface Allocation {
  parts: AllocationPart[]
  /** What each invoice receives from this payment, by invoice id. */
  toInvoice: Map<number, number>
  /** What is more than the invoices need, put on the client's account credit. */
  toCreditPence: number
  /** Credit or voucher money beyond what is due: refused (it never becomes credit). */
  unusablePence: number
}

/**
 * The one rule for spreading a payment over invoices, used by main to write the ledger and by
 * the screens to show it before anyone confirms. Invoices are paid in the order given (main
 * gives them oldest first). Account credit is spent first, then gift vouchers, then money,
 * each part in the order typed; each fills the oldest invoice still due before the next.
 * Money left over goes to the client's account credit; credit or voucher left over cannot
 * (it is not money the client gave), and is reported as unusable.
 */
export function allocate(
  dues: readonly { id: number; duePence: number }[],
  tenders: readonly { kind: TenderKind; amountPence: number }[],
): Allocation {
  const left = dues.map((d) => ({ id: d.id, due: Math.max(0, d.duePence) }))
  const parts: AllocationPart[] = []
  const toInvoice = new Map<number, number>()
  let toCreditPence = 0
  let unusablePence = 0
  const order: TenderKind[] = ['credit', 'voucher', 'money']
  for (const kind of order) {
    tenders.forEach((t, tender) => {
      if (t.kind !== kind) return
      let rest = Math.max(0, t.amountPence)
      for (const d of left) {
        if (rest === 0) break
        const part = Math.min(rest, d.due)
        if (part === 0) continue
        d.due -= part
        rest -= part
        parts.push({ tender, invoiceId: d.id, amountPence: part })
        toInvoice.set(d.id, (toInvoice.get(d.id) ?? 0) + part)
      }
      if (rest === 0) return
      if (kind === 'money') {
        toCreditPence += rest
        parts.push({ tender, invoiceId: null, amountPence: rest })
      } else unusablePence += rest
    })
  }
  return { parts, toInvoice, toCreditPence, unusablePence }
}

/** Which rule of allocate() a payment method (by its kind) follows. */
export function tenderKindOf(methodKind: string): TenderKind {
  return methodKind === 'account_credit'
    ? 'credit'
    : methodKind === 'gift_voucher'
      ? 'voucher'
      : 'money'
}
