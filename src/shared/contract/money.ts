import { z } from 'zod'
import { method } from './define'
import {
  billToInput,
  invoice,
  invoiceLineInput,
  invoiceSummary,
  ledgerEntry,
  moneySettings,
  moneySettingsInput,
  paymentMethod,
  pence,
  VAT_RATES,
  positivePence,
  reason,
  tenders,
} from './money-values'

/** Reception and the owner take payments and issue invoices (issue 13, "Roles"). */
const TILL = ['owner', 'reception'] as const
const id = z.number().int().positive()

export const checkoutInput = z.object({
  appointmentId: id,
  payments: tenders,
})

export const takePaymentInput = z.object({
  clientId: id,
  payments: tenders,
  /** Invoices paid, oldest first; what is left over goes to the client's account credit. */
  invoiceIds: z.array(id).max(50).default([]),
})

export const receipt = z.object({
  batch: z.string(),
  invoices: z.array(invoiceSummary),
  /** What went to the client's account credit from this payment. */
  toCreditPence: z.number().int(),
  creditPence: z.number().int(),
})

/** An issued invoice with something still due, as offered to pay several at once. */
export const openInvoice = z.object({
  id: z.number().int(),
  number: z.string().nullable(),
  issuedAt: z.string(),
  grossPence: z.number().int(),
  duePence: z.number().int(),
})
export type OpenInvoice = z.output<typeof openInvoice>

export const clientAccount = z.object({
  clientId: z.number().int(),
  /** What the client owes across issued invoices. */
  owesPence: z.number().int(),
  creditPence: z.number().int(),
  /** The newest invoices (at most 50; the Money screen lists them all). */
  invoices: z.array(invoiceSummary),
  /** Issued invoices with something due, oldest first (at most 50, as one payment takes). */
  open: z.array(openInvoice),
  /** The newest ledger entries (at most 50), oldest first. */
  entries: z.array(ledgerEntry),
})
export type ClientAccount = z.output<typeof clientAccount>

/** The client's account after a refund or reversal, and the invoice it touched. */
export const afterCorrection = clientAccount.extend({ invoice: invoice.nullable() })
export type AfterCorrection = z.output<typeof afterCorrection>

export const appointmentPayment = z.object({
  appointmentId: z.number().int(),
  invoiceId: z.number().int().nullable(),
  number: z.string().nullable(),
  state: z.enum(['none', 'draft', 'unpaid', 'part_paid', 'paid']),
  grossPence: z.number().int(),
  duePence: z.number().int(),
  /** The no-show or late-cancellation fee that may be charged, when one applies. */
  feePence: z.number().int().nullable(),
  /** The package the appointment was paid from (state 'paid', no invoice), if it was. */
  fromPackage: z.string().nullable(),
})
export type AppointmentPayment = z.output<typeof appointmentPayment>

export const outstandingRow = z.object({
  invoiceId: z.number().int(),
  number: z.string(),
  clientId: z.number().int(),
  clientName: z.string(),
  clientPhone: z.string(),
  issuedAt: z.string(),
  ageDays: z.number().int(),
  bucket: z.enum(['0-30', '31-60', '61-90', '90+']),
  grossPence: z.number().int(),
  duePence: z.number().int(),
})
export type OutstandingRow = z.output<typeof outstandingRow>

export const moneyContract = {
  'money.settings': method({
    summary: 'Read the invoice and VAT settings',
    input: z.object({}),
    output: moneySettings,
    roles: TILL,
  }),
  'money.updateSettings': method({
    summary: 'Change the invoice and VAT settings',
    input: moneySettingsInput,
    output: moneySettings,
    roles: ['owner'],
  }),
  'money.methods': method({
    summary: 'List the payment methods',
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(paymentMethod),
    roles: TILL,
  }),
  'money.account': method({
    summary: "Read a client's account",
    input: z.object({ clientId: id }),
    output: clientAccount,
    roles: TILL,
  }),
  'money.outstanding': method({
    summary: 'List outstanding invoices',
    input: z.object({
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).max(10_000_000).default(0),
    }),
    output: z.object({
      /** One page, oldest first. */
      rows: z.array(outstandingRow),
      /** What is owed by age (all pages), keyed '0-30', '31-60', '61-90', '90+'. */
      totals: z.record(z.string(), z.number().int()),
      /** How many invoices are outstanding in all. */
      count: z.number().int(),
      more: z.boolean(),
    }),
    roles: TILL,
  }),
  'money.forAppointments': method({
    summary: 'See whether appointments are paid',
    input: z.object({ appointmentIds: z.array(id).min(1).max(500) }),
    output: z.array(appointmentPayment),
    roles: ['owner', 'reception', 'therapist'],
  }),
  'invoices.list': method({
    summary: 'List invoices',
    input: z.object({
      status: z.enum(['all', 'draft', 'issued', 'outstanding']).default('all'),
      clientId: id.optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ rows: z.array(invoiceSummary), more: z.boolean() }),
    roles: TILL,
  }),
  'invoices.get': method({
    summary: 'Open an invoice',
    input: z.object({ id }),
    output: invoice,
    roles: TILL,
  }),
  'invoices.saveDraft': method({
    summary: 'Save a draft invoice',
    input: z.object({
      id: id.optional(),
      clientId: z.number({ message: 'Choose the client' }).int().positive('Choose the client'),
      billTo: billToInput,
      lines: z.array(invoiceLineInput).min(1, 'Add at least one line').max(50),
    }),
    output: invoice,
    roles: TILL,
  }),
  'invoices.discardDraft': method({
    summary: 'Discard a draft invoice',
    input: z.object({ id }),
    output: z.object({ id: z.number().int() }),
    roles: TILL,
  }),
  'invoices.issue': method({
    summary: 'Issue an invoice',
    input: z.object({ id }),
    output: invoice,
    roles: TILL,
  }),
  'invoices.checkout': method({
    summary: 'Take payment for an appointment',
    input: checkoutInput,
    output: receipt.extend({ invoice }),
    roles: TILL,
  }),
  'invoices.pdf': method({
    summary: 'Print or save an invoice or receipt',
    input: z.object({ id }),
    output: z.object({ filename: z.string(), base64: z.string() }),
    roles: TILL,
  }),
  'invoices.chargeFee': method({
    summary: 'Charge a missed-appointment or late-cancellation fee',
    input: z.object({ appointmentId: id }),
    output: invoice,
    roles: TILL,
  }),
  'payments.take': method({
    summary: 'Take a payment',
    input: takePaymentInput,
    output: receipt,
    roles: TILL,
  }),
  'creditNotes.issue': method({
    summary: 'Issue a credit note',
    input: z.object({ invoiceId: id, amountPence: positivePence, reason }),
    output: invoice,
    roles: ['owner'],
  }),
  'payments.refund': method({
    summary: 'Refund a payment',
    input: z.object({
      clientId: id,
      /** Refund what was paid on this invoice; without one, refund account credit. */
      invoiceId: id.nullable().default(null),
      /** The payment given back (a row of the invoice's payments), to its method or credit. */
      entryId: id.nullable().default(null),
      /** Where the money goes back: a method, or account credit (only from an invoice). */
      methodId: id,
      amountPence: positivePence,
      reason,
    }),
    output: afterCorrection,
    roles: ['owner'],
  }),
  'payments.reverse': method({
    summary: 'Reverse a ledger entry',
    input: z.object({ entryId: id, reason }),
    output: afterCorrection,
    roles: ['owner'],
  }),
}

export const product = z.object({
  id: z.number().int(),
  name: z.string(),
  pricePence: z.number().int(),
  vatRate: z.enum(VAT_RATES),
  active: z.boolean(),
})
export type Product = z.output<typeof product>

/** What health cash plans ask to see about who treated (printed on receipts). */
export const practitioner = z.object({
  therapistId: z.number().int(),
  name: z.string(),
  professionalBody: z.string(),
  membershipNumber: z.string(),
  qualification: z.string(),
})
export type Practitioner = z.output<typeof practitioner>

/** The owner's price list and payment methods (issue 13: rename and add methods). */
export const moneySetupContract = {
  'money.saveMethod': method({
    summary: 'Change the payment methods',
    input: z.object({
      id: id.optional(),
      name: z.string().trim().min(1, 'Enter a name').max(40, 'Keep the name under 40 characters'),
      kind: z.enum(['card', 'cash', 'bank_transfer', 'other']).default('other'),
      active: z.boolean().default(true),
    }),
    output: z.array(paymentMethod),
    roles: ['owner'],
  }),
  'money.serviceVatRates': method({
    summary: 'Read the VAT rate of each service',
    input: z.object({}),
    output: z.array(
      z.object({ serviceId: z.number().int(), name: z.string(), vatRate: z.enum(VAT_RATES) }),
    ),
    roles: TILL,
  }),
  'money.setServiceVatRate': method({
    summary: "Change a service's VAT rate",
    input: z.object({ serviceId: id, vatRate: z.enum(VAT_RATES) }),
    output: z.object({ serviceId: z.number().int(), vatRate: z.enum(VAT_RATES) }),
    roles: ['owner'],
  }),
  'money.practitioners': method({
    summary: 'Read the practitioner details printed on receipts',
    input: z.object({}),
    output: z.array(practitioner),
    roles: ['owner'],
  }),
  'money.savePractitioner': method({
    summary: 'Change the practitioner details printed on receipts',
    input: practitioner.omit({ name: true }).extend({
      therapistId: id,
      professionalBody: z.string().trim().max(120, 'Keep it under 120 characters'),
      membershipNumber: z.string().trim().max(40, 'Keep it under 40 characters'),
      qualification: z.string().trim().max(120, 'Keep it under 120 characters'),
    }),
    output: practitioner,
    roles: ['owner'],
  }),
  'products.list': method({
    summary: 'List the products',
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(product),
    roles: TILL,
  }),
  'products.save': method({
    summary: 'Change the products',
    input: z.object({
      id: id.optional(),
      name: z.string().trim().min(1, 'Enter a name').max(80, 'Keep the name under 80 characters'),
      pricePence: pence,
      vatRate: z.enum(VAT_RATES).default('standard'),
      active: z.boolean().default(true),
    }),
    output: product,
    roles: ['owner'],
  }),
}
