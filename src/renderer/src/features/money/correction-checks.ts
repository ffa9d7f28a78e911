import { REASON_MIN, REASON_TOO_SHORT } from '../../../../shared/contract/money-values'
import { ENTER_AN_AMOUNT, formatPence, parsePounds } from '../../../../shared/money/pounds'

/**
 * The checks a correction form (credit note, refund) makes before asking main, in the words
 * main would use: an amount of money no more than `maxPence`, and a reason. Errors are keyed
 * by main's field names (amountPence, reason), so main's own refusals land in the same places.
 */
export function checkAmountAndReason(
  amount: string,
  maxPence: number,
  reason: string,
): { pence: number; errors: Record<string, string> } {
  const pence = parsePounds(amount)
  const errors: Record<string, string> = {}
  if (pence === null || pence === 0) errors['amountPence'] = ENTER_AN_AMOUNT
  else if (pence > maxPence) errors['amountPence'] = `At most ${formatPence(maxPence)}`
  if (reason.trim().length < REASON_MIN) errors['reason'] = REASON_TOO_SHORT
  return { pence: pence ?? 0, errors }
}
