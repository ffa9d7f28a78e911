import type { OpenInvoice } from '../../../../shared/contract/money'
import type { Allocation } from '../../../../shared/money/allocation'
import { formatPence } from '../../../../shared/money/pounds'

/**
 * How a payment will be spread, before anyone confirms: each ticked invoice, oldest first,
 * what it gets from this payment and what stays due, and what goes to account credit. It
 * is the same allocate() main runs, so what is shown is what is written.
 */
export function AllocationPreview({
  invoices,
  plan,
  dueTotal,
  entered,
}: {
  invoices: OpenInvoice[]
  plan: Allocation
  dueTotal: number
  entered: number
}) {
  const paid = [...plan.toInvoice.values()].reduce((s, p) => s + p, 0)
  const left = dueTotal - paid
  return (
    <div className="allocation">
      <table className="table">
        <caption>How this payment is spread</caption>
        <thead>
          <tr>
            <th scope="col">Invoice</th>
            <th scope="col" className="num">
              Due
            </th>
            <th scope="col" className="num">
              From this payment
            </th>
            <th scope="col" className="num">
              Still due
            </th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((i) => {
            const part = plan.toInvoice.get(i.id) ?? 0
            return (
              <tr key={i.id}>
                <th scope="row">{i.number}</th>
                <td className="num">{formatPence(i.duePence)}</td>
                <td className="num">{formatPence(part)}</td>
                <td className="num">
                  {i.duePence - part > 0 ? formatPence(i.duePence - part) : 'Paid'}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <p className="checkout-left" role="status" aria-live="polite">
        {plan.unusablePence > 0
          ? `${formatPence(plan.unusablePence)} of account credit or voucher is more than is due: use less`
          : plan.toCreditPence > 0
            ? `${formatPence(plan.toCreditPence)} more than is due goes to account credit`
            : left > 0
              ? `Left to pay: ${formatPence(left)} (stays due on the invoices)`
              : entered > 0
                ? 'Paid in full'
                : ''}
      </p>
    </div>
  )
}
