import { z } from 'zod'
import { method } from './define'

/**
 * What a CSV column can become. `aliases` are header names matched when a file is opened
 * (lower-cased, punctuation ignored): Plinth's own template headers first, then Cliniko's.
 */
export const IMPORT_TARGETS = [
  { key: 'importRef', label: 'ID in the old system', aliases: ['patient id', 'client id', 'id'] },
  { key: 'title', label: 'Title', aliases: ['title'] },
  { key: 'firstName', label: 'First name', aliases: ['first name', 'forename', 'given name'] },
  { key: 'lastName', label: 'Last name', aliases: ['last name', 'surname', 'family name'] },
  {
    key: 'preferredName',
    label: 'Preferred name',
    aliases: ['preferred name', 'preferred first name', 'known as'],
  },
  { key: 'dateOfBirth', label: 'Date of birth', aliases: ['date of birth', 'dob', 'birth date'] },
  { key: 'gender', label: 'Sex or gender', aliases: ['sex or gender', 'sex', 'gender'] },
  {
    key: 'mobile',
    label: 'Mobile',
    aliases: ['mobile', 'mobile phone', 'mobile number', 'patient phone numbers', 'phone'],
  },
  {
    key: 'otherPhone',
    label: 'Other phone',
    aliases: ['other phone', 'home phone', 'work phone', 'landline'],
  },
  { key: 'email', label: 'E-mail', aliases: ['email', 'e mail', 'email address'] },
  { key: 'address', label: 'Address', aliases: ['address', 'address 1', 'address line 1'] },
  { key: 'postcode', label: 'Postcode', aliases: ['postcode', 'post code', 'postal code', 'zip'] },
  { key: 'occupation', label: 'Occupation', aliases: ['occupation'] },
  {
    key: 'emergencyName',
    label: 'Emergency contact',
    aliases: ['emergency contact', 'emergency contact name', 'emergency name'],
  },
  {
    key: 'emergencyPhone',
    label: 'Emergency phone',
    aliases: ['emergency phone', 'emergency contact phone'],
  },
  { key: 'gpName', label: "GP's name", aliases: ['gp name', 'gp', 'doctor'] },
  { key: 'referralSource', label: 'Referral source', aliases: ['referral source', 'referred by'] },
  { key: 'notes', label: 'Notes', aliases: ['notes'] },
  { key: 'tags', label: 'Tags (separated by , or ;)', aliases: ['tags'] },
  {
    key: 'marketingEmail',
    label: 'Accepts e-mail marketing',
    aliases: ['marketing email', 'accepts email marketing', 'marketing email at'],
  },
  {
    key: 'marketingSms',
    label: 'Accepts SMS marketing',
    aliases: ['marketing sms', 'accepts sms marketing', 'marketing sms at'],
  },
  { key: 'archivedAt', label: 'Archived on', aliases: ['archived at', 'archived on', 'archived'] },
] as const

/**
 * What a column of an appointments file can become. The client is found by the first of
 * these that the row has: the id (Plinth's, or the old system's kept by the client import),
 * e-mail, phone, then name with date of birth.
 */
export const APPOINTMENT_IMPORT_TARGETS = [
  {
    key: 'clientRef',
    label: 'Client ID (Plinth or old system)',
    aliases: ['client id', 'patient id', 'client number'],
  },
  {
    key: 'clientName',
    label: 'Client name',
    aliases: ['client', 'client name', 'patient', 'patient name', 'name'],
  },
  { key: 'clientEmail', label: 'Client e-mail', aliases: ['email', 'client email', 'e mail'] },
  {
    key: 'clientPhone',
    label: 'Client phone',
    aliases: ['mobile', 'phone', 'client phone', 'client mobile', 'patient phone'],
  },
  {
    key: 'clientDob',
    label: 'Client date of birth',
    aliases: ['date of birth', 'dob', 'client date of birth'],
  },
  {
    key: 'therapist',
    label: 'Therapist',
    aliases: ['therapist', 'practitioner', 'staff', 'staff member'],
  },
  {
    key: 'service',
    label: 'Service',
    aliases: ['service', 'appointment type', 'treatment', 'type'],
  },
  {
    key: 'start',
    label: 'Start (date and time)',
    aliases: ['start', 'starts', 'start time', 'appointment start', 'starts at', 'date and time'],
  },
  { key: 'date', label: 'Date (if the time is separate)', aliases: ['date', 'appointment date'] },
  { key: 'time', label: 'Time (if the date is separate)', aliases: ['time', 'appointment time'] },
  {
    key: 'duration',
    label: 'Duration (minutes)',
    aliases: ['duration', 'duration minutes', 'length', 'minutes'],
  },
  { key: 'status', label: 'Status', aliases: ['status', 'appointment status', 'outcome'] },
  { key: 'price', label: 'Price (£)', aliases: ['price', 'fee', 'amount', 'cost'] },
  { key: 'notes', label: 'Booking notes', aliases: ['notes', 'booking notes', 'comments'] },
] as const

export type ImportTargetKey =
  (typeof IMPORT_TARGETS)[number]['key'] | (typeof APPOINTMENT_IMPORT_TARGETS)[number]['key']
export const IMPORT_TARGET_KEYS = [
  ...new Set([...IMPORT_TARGETS, ...APPOINTMENT_IMPORT_TARGETS].map((t) => t.key)),
] as [ImportTargetKey, ...ImportTargetKey[]]

export const IMPORT_KINDS = ['clients', 'appointments'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

/** The columns a file of this kind can fill. */
export function importTargetsOf(kind: ImportKind) {
  return kind === 'clients' ? IMPORT_TARGETS : APPOINTMENT_IMPORT_TARGETS
}

/** 50 MB of text: about 250,000 clients, far more than a small clinic has. */
export const IMPORT_MAX_CHARS = 50 * 1024 * 1024
const TOO_BIG = 'That file is over 50 MB. Split it into smaller files and import each one.'

/** Field -> the CSV header it comes from ('' for none). */
export const importMapping = z.partialRecord(z.enum(IMPORT_TARGET_KEYS), z.string().max(200))
export type ImportMapping = z.output<typeof importMapping>

export const importProblem = z.object({
  /** The row's line in the file, counting the header as line 1. */
  line: z.number().int(),
  name: z.string(),
  /** 'error': the row is skipped; 'duplicate': skipped unless duplicates are imported too;
   * 'warning': imported, but worth a look. */
  kind: z.enum(['error', 'duplicate', 'warning']),
  reasons: z.array(z.string()),
})
export type ImportProblem = z.output<typeof importProblem>

export const importReport = z.object({
  total: z.number().int(),
  ready: z.number().int(),
  duplicates: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  /** The first problems, in file order (at most 1,000 are listed). */
  problems: z.array(importProblem),
})
export type ImportReport = z.output<typeof importReport>

export const importJob = z.object({
  id: z.string(),
  importId: z.string(),
  kind: z.enum(['check', 'import']),
  state: z.enum(['running', 'done', 'failed']),
  stage: z.string(),
  percent: z.number().min(0).max(100),
  message: z.string().nullable(),
  report: importReport.nullable(),
  /** Set once an import has committed: what undo takes back. */
  batchId: z.string().nullable(),
  created: z.number().int(),
})
export type ImportJob = z.output<typeof importJob>

export const importBatch = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  preset: z.string(),
  created: z.number().int(),
  skipped: z.number().int(),
  at: z.string(),
  undoneAt: z.string().nullable(),
})
export type ImportBatch = z.output<typeof importBatch>

export const importsContract = {
  'imports.open': method({
    summary: 'Open a CSV file of clients or appointments to import',
    input: z
      .object({
        kind: z.enum(IMPORT_KINDS).default('clients'),
        fileName: z.string().trim().min(1).max(255),
        /** Already-decoded text (tests, scripts); refused if it holds U+FFFD. */
        text: z.string().max(IMPORT_MAX_CHARS, TOO_BIG).optional(),
        /** The file's bytes, base64: main decides the encoding (UTF-8, UTF-16, Windows-1252). */
        base64: z
          .string()
          .max(Math.ceil(IMPORT_MAX_CHARS / 3) * 4, TOO_BIG)
          .optional(),
      })
      .refine((v) => v.text !== undefined || v.base64 !== undefined, {
        message: 'Choose a file to import.',
        path: ['base64'],
      }),
    output: z.object({
      importId: z.string(),
      kind: z.enum(IMPORT_KINDS),
      fileName: z.string(),
      /** How the file was read: 'UTF-8', 'UTF-8 with BOM', 'UTF-16 LE', 'UTF-16 BE', 'Windows-1252'. */
      encoding: z.string(),
      preset: z.enum(['cliniko', 'plinth', 'custom']),
      headers: z.array(z.string()),
      mapping: importMapping,
      rowCount: z.number().int(),
      /** The first rows as they are in the file, for the preview. */
      preview: z.array(z.array(z.string())),
    }),
    roles: ['owner'],
  }),
  'imports.check': method({
    summary: 'Check the rows of an import',
    input: z.object({ importId: z.string().max(64), mapping: importMapping }),
    output: importJob,
    roles: ['owner'],
  }),
  'imports.run': method({
    summary: 'Import clients or appointments from a CSV file',
    input: z.object({
      importId: z.string().max(64),
      includeDuplicates: z.boolean().default(false),
    }),
    output: importJob,
    roles: ['owner'],
  }),
  'imports.job': method({
    summary: 'Follow an import',
    input: z.object({ id: z.string().max(64) }),
    output: importJob,
    roles: ['owner'],
  }),
  'imports.batches': method({
    summary: 'List the imports',
    input: z.object({}),
    output: z.array(importBatch),
    roles: ['owner'],
  }),
  'imports.undo': method({
    summary: 'Undo an import',
    input: z.object({ batchId: z.string().min(1).max(64) }),
    output: importBatch,
    roles: ['owner'],
  }),
}
