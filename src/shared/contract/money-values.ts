import { z } from 'zod'

/** Amounts are integer pence; one payment or line is at most £100,000. */
export const MAX_PENCE = 10_000_000
export const pence = z
  .number({ message: 'Enter an amount' })
  .int('Amounts are whole pence')
  .min(0, 'Amounts cannot be negative')
  .max(MAX_PENCE, 'That amount is too large')
export const positivePence = pence.min(1, 'Enter an amount above £0.00')

export const VAT_RATES = ['standard', 'reduced', 'zero', 'exempt'] as const
export type VatRateName = (typeof VAT_RATES)[number]
export const VAT_RATE_LABELS: Record<VatRateName | 'none', string> = {
  standard: 'Standard',
  reduced: 'Reduced',
  zero: 'Zero-rated',
  exempt: 'Exempt',
  none: 'No VAT',
}

export const METHOD_KINDS = [
  'card',
  'cash',
  'bank_transfer',
  'gift_voucher',
  'account_credit',
  'package',
  'other',
] as const

export const paymentMethod = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(METHOD_KINDS),
  active: z.boolean(),
})
export type PaymentMethod = z.output<typeof paymentMethod>

/** A fee: a fixed amount in pence, or a whole percentage of the service price. */
export const feeRule = z
  .object({
    kind: z.enum(['none', 'fixed', 'percent']),
    value: z.number().int().min(0).max(MAX_PENCE),
  })
  .refine((f) => f.kind !== 'percent' || f.value <= 100, {
    message: 'At most 100 %',
    path: ['value'],
  })
  .default({ kind: 'none', value: 0 })

export const moneySettingsInput = z.object({
  invoicePrefix: z
    .string()
    .trim()
    .max(10, 'Keep the prefix to 10 characters')
    .regex(/^[A-Za-z0-9/-]*$/, 'Use letters, digits, "-" or "/"'),
  creditNotePrefix: z
    .string()
    .trim()
    .max(10, 'Keep the prefix to 10 characters')
    .regex(/^[A-Za-z0-9/-]*$/, 'Use letters, digits, "-" or "/"'),
  numberDigits: z.number().int().min(1).max(12),
  firstInvoiceNumber: z.number().int().min(1).max(999_999_999),
  vatRegistered: z.boolean(),
  vatNumber: z.string().trim().max(20, 'A VAT number is at most 20 characters'),
  voucherMonths: z.number().int().min(1).max(120).default(12),
  noShowFee: feeRule,
  lateCancelFee: feeRule,
})
export const moneySettings = moneySettingsInput.extend({
  standardRateBp: z.number().int(),
  reducedRateBp: z.number().int(),
})
export type MoneySettings = z.output<typeof moneySettings>

/** Who the invoice is addressed to: the client, or an employer, club or insurer. */
export const billToInput = z
  .object({
    kind: z.enum(['client', 'third_party']).default('client'),
    name: z.string().trim().max(120, 'Keep the name under 120 characters').default(''),
    address: z.string().trim().max(500, 'Keep the address under 500 characters').default(''),
    reference: z.string().trim().max(60, 'Keep the reference under 60 characters').default(''),
  })
  .refine((b) => b.kind === 'client' || b.name.length > 0, {
    message: 'Enter who the invoice is addressed to',
    path: ['name'],
  })
  .default({ kind: 'client', name: '', address: '', reference: '' })

export const invoiceLineInput = z
  .object({
    kind: z.enum(['service', 'product', 'text']),
    serviceId: z.number().int().positive().nullable().default(null),
    productId: z.number().int().positive().nullable().default(null),
    appointmentId: z.number().int().positive().nullable().default(null),
    description: z
      .string()
      .trim()
      .min(1, 'Describe the line')
      .max(200, 'Keep the description under 200 characters'),
    quantity: z
      .number({ message: 'Enter a quantity' })
      .int('Whole numbers only')
      .min(1, 'At least 1')
      .max(999, 'At most 999'),
    unitPence: pence,
    /** For free text; services and products carry their own rate. */
    vatRate: z.enum(VAT_RATES).default('standard'),
  })
  .refine((l) => l.kind !== 'service' || l.serviceId !== null, {
    message: 'Choose the service',
    path: ['serviceId'],
  })
  .refine((l) => l.kind !== 'product' || l.productId !== null, {
    message: 'Choose the product',
    path: ['productId'],
  })
export type InvoiceLineInput = z.input<typeof invoiceLineInput>

export const invoiceLine = z.object({
  id: z.number().int(),
  kind: z.enum(['service', 'product', 'text', 'package', 'voucher']),
  serviceId: z.number().int().nullable(),
  productId: z.number().int().nullable(),
  appointmentId: z.number().int().nullable(),
  description: z.string(),
  quantity: z.number().int(),
  unitPence: z.number().int(),
  vatRate: z.enum([...VAT_RATES, 'none']),
  vatBp: z.number().int(),
  netPence: z.number().int(),
  vatPence: z.number().int(),
  grossPence: z.number().int(),
})
export type InvoiceLine = z.output<typeof invoiceLine>

export const ledgerEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  byName: z.string().nullable(),
  kind: z.enum(['payment', 'refund', 'transfer', 'reversal']),
  methodId: z.number().int(),
  methodName: z.string(),
  methodKind: z.enum(METHOD_KINDS),
  invoiceId: z.number().int().nullable(),
  invoiceNumber: z.string().nullable(),
  amountPence: z.number().int(),
  reference: z.string(),
  reason: z.string(),
  reversesId: z.number().int().nullable(),
  reversed: z.boolean(),
  /** For a refund: the payment it gives back. */
  refundOfId: z.number().int().nullable(),
  /** For a payment on an invoice: what is left to refund of it (0 once reversed). */
  refundablePence: z.number().int(),
})
export type LedgerEntry = z.output<typeof ledgerEntry>

export const creditNote = z.object({
  id: z.number().int(),
  invoiceId: z.number().int(),
  number: z.string(),
  issuedAt: z.string(),
  issuedByName: z.string().nullable(),
  reason: z.string(),
  netPence: z.number().int(),
  vatPence: z.number().int(),
  grossPence: z.number().int(),
})
export type CreditNote = z.output<typeof creditNote>

/** An invoice with its derived figures: credited and paid come from notes and the ledger. */
export const invoice = z.object({
  id: z.number().int(),
  clientId: z.number().int(),
  clientName: z.string(),
  status: z.enum(['draft', 'issued']),
  number: z.string().nullable(),
  issuedAt: z.string().nullable(),
  issuedByName: z.string().nullable(),
  taxPoint: z.string().nullable(),
  billTo: z.object({
    kind: z.enum(['client', 'third_party']),
    name: z.string(),
    address: z.string(),
    reference: z.string(),
  }),
  vatRegistered: z.boolean(),
  vatNumber: z.string(),
  lines: z.array(invoiceLine),
  netPence: z.number().int(),
  vatPence: z.number().int(),
  grossPence: z.number().int(),
  creditedPence: z.number().int(),
  paidPence: z.number().int(),
  /** gross - credited - paid; negative when the client has paid more than is now due. */
  duePence: z.number().int(),
  creditNotes: z.array(creditNote),
  payments: z.array(ledgerEntry),
  createdAt: z.string(),
})
export type Invoice = z.output<typeof invoice>

export const invoiceSummary = z.object({
  id: z.number().int(),
  clientId: z.number().int(),
  clientName: z.string(),
  status: z.enum(['draft', 'issued']),
  number: z.string().nullable(),
  issuedAt: z.string().nullable(),
  createdAt: z.string(),
  billToName: z.string(),
  grossPence: z.number().int(),
  duePence: z.number().int(),
})
export type InvoiceSummary = z.output<typeof invoiceSummary>

/** One split of a payment: £20 cash, £35 card. */
export const tender = z.object({
  methodId: z.number({ message: 'Choose how they paid' }).int().positive('Choose how they paid'),
  amountPence: positivePence,
  reference: z.string().trim().max(60, 'Keep the reference under 60 characters').default(''),
  /** With the gift-voucher method: the code printed on the voucher. */
  voucherCode: z.string().trim().max(20, 'A voucher code is short').optional(),
})
export const tenders = z
  .array(tender)
  .min(1, 'Add at least one payment')
  .max(10, 'At most 10 parts to one payment')

/** The shortest reason a refund, reversal or credit note may give. */
export const REASON_MIN = 3
/** Said next to a reason that is too short; the forms check this before asking main. */
export const REASON_TOO_SHORT = `Give a reason (${REASON_MIN} characters or more)`
export const reason = z
  .string()
  .trim()
  .min(REASON_MIN, REASON_TOO_SHORT)
  .max(200, 'Keep the reason under 200 characters')

export { formatPence } from '../money/pounds'
