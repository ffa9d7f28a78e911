import { ALL_STAFF } from '../roles'
import { z } from 'zod'
import { ALLERGY_CODES, CONDITION_CODES } from '../clients/health'
import { APPOINTMENT_STATUSES } from './diary'
import { method } from './define'
import { revisioned, savesOn } from './revisions'
import { amount, formatPostcode, isoDate, phone, text, UK_POSTCODE } from './client-field-kinds'

export { formatPostcode, isRealIsoDate } from './client-field-kinds'

const OLDEST_PLAUSIBLE_AGE = 120

function todayIso(): string {
  return new Date().toISOString().slice(0, 10)
}

/** The fields of a client record as staff type them. Shared by the contract and the form. */
export const clientFields = {
  title: text(20, 'the title'),
  firstName: text(80, 'the first name').pipe(z.string().min(1, 'Enter the first name')),
  lastName: text(80, 'the last name').pipe(z.string().min(1, 'Enter the last name')),
  preferredName: text(80, 'the preferred name'),
  dateOfBirth: isoDate('Enter the date of birth as a real date').refine(
    (v) => {
      if (v === '') return true
      const today = todayIso()
      const oldest = `${Number(today.slice(0, 4)) - OLDEST_PLAUSIBLE_AGE}${today.slice(4)}`
      return v <= today && v >= oldest
    },
    { message: 'The date of birth cannot be in the future or more than 120 years ago' },
  ),
  gender: text(40, 'sex or gender'),
  mobile: phone('the mobile'),
  otherPhone: phone('the other phone'),
  email: text(254, 'the e-mail address').refine((v) => v === '' || z.email().safeParse(v).success, {
    message: 'Enter an e-mail address like name@example.com',
  }),
  address: text(300, 'the address'),
  postcode: text(10, 'the postcode')
    .refine((v) => v === '' || UK_POSTCODE.test(v.replace(/\s+/g, ' ')), {
      message: 'Enter a UK postcode like SW1A 1AA',
    })
    .transform((v) => (v === '' ? '' : formatPostcode(v))),
  occupation: text(80, 'the occupation'),
  emergencyName: text(120, 'the emergency contact'),
  emergencyRelationship: text(40, 'the relationship'),
  emergencyPhone: phone('the emergency phone'),
  gpName: text(120, "the GP's name"),
  gpPractice: text(120, 'the practice'),
  gpAddress: text(300, "the GP's address"),
  referralSource: text(80, 'the referral source'),
  notes: text(4000, 'the notes'),
  sports: text(200, 'sports'),
  /** Free text from before the structured fields (kept, shown as "Other training notes"). */
  weeklyTraining: text(120, 'weekly training'),
  /** Typical weekly running distance, km. */
  weeklyKm: amount('the weekly distance', 400),
  /** The longest single run of the last 30 days, km (the baseline of the 10% flag). */
  longestRunKm: amount('the longest run', 400),
  runsPerWeek: amount('the runs a week', 21, { whole: true }),
  eventName: text(120, 'the event'),
  eventDate: isoDate('Enter the event date as a real date'),
  eventDistanceKm: amount('the event distance', 1000),
  goals: text(1000, 'goals'),
  consentTreatment: z.boolean().default(false),
  consentDataNotice: z.boolean().default(false),
  marketingEmail: z.boolean().default(false),
  marketingSms: z.boolean().default(false),
}

/** Rules across fields; applied to both the contract's schema and the form's. */
export function withClientRules<
  T extends z.ZodType<{ mobile: string; otherPhone: string; email: string }>,
>(schema: T) {
  return schema.superRefine((value, ctx) => {
    if (value.mobile === '' && value.otherPhone === '' && value.email === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['mobile'],
        message: 'Enter a phone number or an e-mail address, so the clinic can reach them',
      })
    }
  })
}

export const tagsList = z
  .array(z.string().trim().min(1).max(40, 'Keep each tag under 40 characters'))
  .max(20, 'Use at most 20 tags')
export const tagsField = tagsList.default([])

export const clientInput = withClientRules(z.object({ ...clientFields, tags: tagsField }))
export type ClientInput = z.input<typeof clientInput>
export type ClientValues = z.output<typeof clientInput>

const severity = z.enum(['contraindication', 'caution', 'info'])

export const clientAlert = z.object({
  /** "free:12" for an alert staff added, "q:dvt" for one derived from the questionnaire. */
  id: z.string(),
  source: z.enum(['free', 'questionnaire']),
  severity,
  text: z.string(),
  acknowledgeOnOpen: z.boolean(),
})
export type ClientAlert = z.output<typeof clientAlert>

const consent = z.object({
  given: z.boolean(),
  at: z.string().nullable(),
  by: z.string().nullable(),
})
export type Consent = z.output<typeof consent>

export const questionnaireInput = z.object({
  clientId: z.number().int().positive(),
  conditions: z
    .array(z.object({ code: z.enum(CONDITION_CODES), detail: text(200, 'the detail') }))
    .max(CONDITION_CODES.length)
    .default([]),
  otherConditions: text(1000, 'other conditions'),
  medications: text(1000, 'medications'),
  allergies: z.array(z.enum(ALLERGY_CODES)).max(ALLERGY_CODES.length).default([]),
  otherAllergies: text(300, 'other allergies'),
})
export type QuestionnaireInput = z.input<typeof questionnaireInput>

export const questionnaire = questionnaireInput.omit({ clientId: true }).extend({
  version: z.number().int(),
  answeredAt: z.string(),
  recordedBy: z.string().nullable(),
  reviewDueOn: z.string(),
  reviewDue: z.boolean(),
})
export type Questionnaire = z.output<typeof questionnaire>

export const clientRecord = z.object({
  ...clientFields,
  tags: z.array(z.string()),
  id: z.number().int(),
  displayName: z.string(),
  age: z.number().int().nullable(),
  consents: z.object({
    treatment: consent,
    dataNotice: consent,
    marketingEmail: consent,
    marketingSms: consent,
  }),
  alerts: z.array(clientAlert),
  questionnaire: questionnaire.nullable(),
  questionnaireVersions: z.number().int(),
  archivedAt: z.string().nullable(),
  mergedIntoId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type ClientRecord = z.output<typeof clientRecord>

export const clientSummary = z.object({
  id: z.number().int(),
  displayName: z.string(),
  dateOfBirth: z.string(),
  age: z.number().int().nullable(),
  phone: z.string(),
  email: z.string(),
  postcode: z.string(),
  archived: z.boolean(),
  alerts: z.array(z.object({ severity, text: z.string() })),
  /** The client's next booked appointment (ISO instant), null when none is booked. */
  nextAppointmentAt: z.string().nullable(),
})
export type ClientSummary = z.output<typeof clientSummary>

export const SEARCH_MIN_FULL = 3

export const searchInput = z.object({
  query: z.string().max(200, 'Search for something shorter').default(''),
  includeArchived: z.boolean().default(false),
  limit: z.number().int().min(1).max(100).default(20),
})

export const searchResult = z.object({
  /**
   * 'empty': nothing typed; 'names': 1-2 characters, matched as the start of a name only;
   * 'full': 3+ characters, matched anywhere in names, phones, e-mail and postcode (or a DOB).
   */
  mode: z.enum(['empty', 'names', 'full']),
  results: z.array(clientSummary),
})
export type SearchResult = z.output<typeof searchResult>

export const duplicate = z.object({
  client: clientSummary,
  reasons: z.array(z.enum(['phone', 'email', 'surname-dob', 'surname-dob-swapped'])),
})
export type Duplicate = z.output<typeof duplicate>

const clientId = z.object({ id: z.number().int().positive() })

export const MERGEABLE_FIELDS = Object.keys(clientFields) as (keyof typeof clientFields)[]

export const timelineEntry = z.object({
  at: z.string(),
  who: z.string().nullable(),
  action: z.string(),
  summary: z.string(),
})

export const clientSettings = z.object({
  questionnaireReviewMonths: z
    .number({ message: 'Enter a number of months' })
    .int('Enter a whole number of months')
    .min(1, 'Review at least once every 60 months')
    .max(60, 'Review at least once every 60 months'),
  referralSources: z
    .array(z.string().trim().min(1).max(60, 'Keep each source under 60 characters'))
    .max(40, 'Keep the list to 40 sources or fewer'),
})
export type ClientSettings = z.output<typeof clientSettings>

export const clientAppointment = z.object({
  id: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  lateCancellation: z.boolean(),
  serviceName: z.string(),
  therapistName: z.string(),
})
export type ClientAppointment = z.output<typeof clientAppointment>

export const clientsContract = {
  'clients.search': method({
    summary: 'Search clients',
    input: searchInput,
    output: searchResult,
    roles: ALL_STAFF,
  }),
  'clients.get': method({
    summary: 'Open a client record',
    input: clientId,
    output: revisioned(clientRecord),
    roles: ALL_STAFF,
    revision: { kind: 'client', as: 'read' },
  }),
  'clients.duplicates': method({
    summary: 'Check for likely duplicate clients',
    input: z.object({
      id: z.number().int().positive().optional(),
      lastName: z.string().trim().max(80).default(''),
      dateOfBirth: z.string().trim().max(10).default(''),
      mobile: z.string().trim().max(40).default(''),
      otherPhone: z.string().trim().max(40).default(''),
      email: z.string().trim().max(254).default(''),
    }),
    output: z.array(duplicate),
    roles: ALL_STAFF,
  }),
  'clients.create': method({
    summary: 'Add a client',
    input: clientInput,
    output: revisioned(clientRecord),
    roles: ALL_STAFF,
    revision: { kind: 'client', as: 'create' },
  }),
  'clients.update': method({
    summary: 'Change a client record',
    input: savesOn(z.object({ id: z.number().int().positive(), client: clientInput })),
    output: revisioned(clientRecord),
    roles: ALL_STAFF,
    revision: { kind: 'client', as: 'save' },
  }),
  'clients.archive': method({
    summary: 'Archive a client',
    input: clientId,
    output: revisioned(clientRecord),
    roles: ['owner', 'reception'],
    revision: { kind: 'client', as: 'read' },
  }),
  'clients.unarchive': method({
    summary: 'Bring back an archived client',
    input: clientId,
    output: revisioned(clientRecord),
    roles: ['owner', 'reception'],
    revision: { kind: 'client', as: 'read' },
  }),
  'clients.addAlert': method({
    summary: 'Add a medical alert',
    input: z.object({
      clientId: z.number().int().positive(),
      text: z.string().trim().min(1, 'Describe the alert').max(200, 'Keep the alert short'),
      severity: severity.default('caution'),
      acknowledgeOnOpen: z.boolean().default(false),
    }),
    output: revisioned(clientRecord),
    roles: ALL_STAFF,
    revision: { kind: 'client', as: 'read' },
  }),
  'clients.removeAlert': method({
    summary: 'Remove a medical alert',
    input: z.object({ clientId: z.number().int().positive(), alertId: z.number().int() }),
    output: revisioned(clientRecord),
    roles: ALL_STAFF,
    revision: { kind: 'client', as: 'read' },
  }),
  'clients.acknowledgeAlerts': method({
    summary: 'Acknowledge medical alerts',
    input: z.object({ clientId: z.number().int().positive() }),
    output: z.object({ acknowledgedAt: z.string() }),
    roles: ALL_STAFF,
  }),
  'clients.saveQuestionnaire': method({
    summary: 'Record a health questionnaire',
    input: questionnaireInput,
    output: revisioned(clientRecord),
    roles: ALL_STAFF,
    revision: { kind: 'client', as: 'read' },
  }),
  'clients.appointments': method({
    summary: "See a client's appointments",
    input: clientId,
    output: z.object({ upcoming: z.array(clientAppointment), past: z.array(clientAppointment) }),
    roles: ALL_STAFF,
  }),
  'clients.timeline': method({
    summary: "See a client record's history",
    input: clientId,
    output: z.array(timelineEntry),
    roles: ALL_STAFF,
  }),
  'clients.settings': method({
    summary: 'Read the client record settings',
    input: z.object({}),
    output: revisioned(clientSettings),
    roles: ALL_STAFF,
    revision: { kind: 'client-settings', as: 'read' },
  }),
  'clients.updateSettings': method({
    summary: 'Change the client record settings',
    input: savesOn(clientSettings),
    output: revisioned(clientSettings),
    roles: ['owner'],
    revision: { kind: 'client-settings', as: 'save' },
  }),
  'clients.merge': method({
    summary: 'Merge two client records',
    input: z.object({
      keepId: z.number().int().positive(),
      mergeId: z.number().int().positive(),
      /** Fields whose value comes from the record being merged away; the rest are kept. */
      take: z
        .array(z.enum(MERGEABLE_FIELDS as [string, ...string[]]))
        .max(MERGEABLE_FIELDS.length)
        .default([]),
    }),
    output: z.object({ mergeId: z.number().int(), client: clientRecord }),
    roles: ['owner'],
  }),
  'clients.undoMerge': method({
    summary: 'Undo a merge of client records',
    input: z.object({ mergeId: z.number().int().positive() }),
    output: z.object({ kept: clientRecord, restored: clientRecord }),
    roles: ['owner'],
  }),
}
