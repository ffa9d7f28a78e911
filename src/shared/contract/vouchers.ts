import { z } from 'zod'
import { method } from './define'
import { invoice, positivePence, tenders } from './money-values'

export const giftVoucher = z.object({
  id: z.number().int(),
  code: z.string(),
  buyerId: z.number().int(),
  buyerName: z.string(),
  recipientName: z.string(),
  valuePence: z.number().int(),
  /** Value less redemptions, derived from the ledger. */
  balancePence: z.number().int(),
  expiresOn: z.string(),
  expired: z.boolean(),
  invoiceNumber: z.string(),
  soldAt: z.string(),
})
export type GiftVoucher = z.output<typeof giftVoucher>

const TILL = ['owner', 'reception'] as const

export const vouchersContract = {
  'vouchers.sell': method({
    summary: 'Sell a gift voucher',
    input: z.object({
      clientId: z
        .number({ message: 'Choose who is buying it' })
        .int()
        .positive('Choose who is buying it'),
      valuePence: positivePence.max(100_000, 'At most £1,000 on one voucher'),
      recipientName: z.string().trim().max(120, 'Keep the name under 120 characters').default(''),
      payments: tenders,
    }),
    output: z.object({ voucher: giftVoucher, invoice }),
    roles: TILL,
  }),
  'vouchers.list': method({
    summary: 'List gift vouchers',
    input: z.object({}),
    output: z.object({ rows: z.array(giftVoucher), unredeemedPence: z.number().int() }),
    roles: TILL,
  }),
  'vouchers.pdf': method({
    summary: 'Print or save a gift voucher',
    input: z.object({ id: z.number().int().positive() }),
    output: z.object({ filename: z.string(), base64: z.string() }),
    roles: TILL,
  }),
}
