import { z } from 'zod'
import { method } from './define'
import { invoice, positivePence, reason, tenders } from './money-values'

/** What the owner sells: "5 × Sports massage 60 min, £250, valid 6 months". */
export const packageType = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The services a session may be used for; the first one's VAT rate is charged at sale. */
  serviceIds: z.array(z.number().int()),
  serviceNames: z.array(z.string()),
  sessions: z.number().int(),
  pricePence: z.number().int(),
  validMonths: z.number().int(),
  active: z.boolean(),
  /** How many have been sold (a sold package keeps its own copy of the terms). */
  sold: z.number().int(),
})
export type PackageType = z.output<typeof packageType>

export const packageSession = z.object({
  id: z.number().int(),
  kind: z.enum(['use', 'reversal', 'refund']),
  /** -1 for a use, +1 for a reversal, minus the unused sessions for a refund. */
  sessions: z.number().int(),
  at: z.string(),
  byName: z.string().nullable(),
  appointmentId: z.number().int().nullable(),
  /** When the appointment paid from the package started (UTC). */
  appointmentAt: z.string().nullable(),
  reason: z.string(),
  /** A use that a later reversal undid. */
  reversed: z.boolean(),
})
export type PackageSession = z.output<typeof packageSession>

/** A package sold to a client, with everything about it derived from its sessions. */
export const clientPackage = z.object({
  id: z.number().int(),
  clientId: z.number().int(),
  name: z.string(),
  serviceIds: z.array(z.number().int()),
  sessions: z.number().int(),
  /** Sessions sold - used + reversed (0 once refunded). */
  left: z.number().int(),
  pricePence: z.number().int(),
  /** What a refund of the unused sessions would give back now (pro rata). */
  unusedValuePence: z.number().int(),
  soldAt: z.string(),
  /** Clinic-local date, the last day a session can be used. */
  expiresOn: z.string(),
  expired: z.boolean(),
  refunded: z.boolean(),
  /**
   * Whether the invoice it was sold on is paid in full and not credited by hand (a package is
   * used only then).
   */
  paid: z.boolean(),
  invoiceId: z.number().int(),
  invoiceNumber: z.string(),
  history: z.array(packageSession),
})
export type ClientPackage = z.output<typeof clientPackage>

const TILL = ['owner', 'reception'] as const
const id = z.number().int().positive()

export const packageTypeInput = z.object({
  id: id.optional(),
  name: z.string().trim().min(1, 'Enter a name').max(80, 'Keep the name under 80 characters'),
  serviceIds: z
    .array(id)
    .min(1, 'Choose at least one service')
    .max(30, 'At most 30 services')
    .refine((ids) => new Set(ids).size === ids.length, 'Choose each service once'),
  sessions: z
    .number({ message: 'Enter the number of sessions' })
    .int('Whole sessions only')
    .min(1, 'At least 1 session')
    .max(100, 'At most 100 sessions'),
  pricePence: positivePence,
  validMonths: z
    .number({ message: 'Enter how many months it is valid' })
    .int('Whole months only')
    .min(1, 'At least 1 month')
    .max(60, 'At most 60 months'),
  active: z.boolean().default(true),
})

/**
 * Packages (courses) of sessions, issue 13. Reception and the owner sell and use them; only
 * the owner defines them and refunds the unused part.
 */
export const packagesContract = {
  'packages.types': method({
    summary: 'List the package types',
    input: z.object({ includeRetired: z.boolean().default(false) }),
    output: z.array(packageType),
    roles: TILL,
  }),
  'packages.saveType': method({
    summary: 'Change the package types',
    input: packageTypeInput,
    output: packageType,
    roles: ['owner'],
  }),
  'packages.sell': method({
    summary: 'Sell a package',
    input: z.object({
      clientId: z.number({ message: 'Choose the client' }).int().positive('Choose the client'),
      packageTypeId: z
        .number({ message: 'Choose the package' })
        .int()
        .positive('Choose the package'),
      payments: tenders,
    }),
    output: z.object({ package: clientPackage, invoice }),
    roles: TILL,
  }),
  'packages.forClient': method({
    summary: "List a client's packages",
    input: z.object({ clientId: id }),
    output: z.array(clientPackage),
    roles: TILL,
  }),
  'packages.forAppointment': method({
    summary: 'List the packages that can pay for an appointment',
    input: z.object({ appointmentId: id }),
    output: z.array(clientPackage),
    roles: TILL,
  }),
  'packages.use': method({
    summary: 'Pay for an appointment from a package',
    input: z.object({ appointmentId: id, packageId: id }),
    output: clientPackage,
    roles: TILL,
  }),
  'packages.reverseUse': method({
    summary: 'Undo a session used from a package',
    input: z.object({ sessionId: id, reason }),
    output: clientPackage,
    roles: TILL,
  }),
  'packages.refund': method({
    summary: 'Refund the unused part of a package',
    input: z.object({
      packageId: id,
      /** Where the money goes back: a method, or the account-credit method for credit. */
      methodId: z.number({ message: 'Choose how it is given back' }).int().positive(),
      reason,
    }),
    output: z.object({
      package: clientPackage,
      refundedPence: z.number().int(),
      creditNoteNumber: z.string(),
    }),
    roles: ['owner'],
  }),
}
