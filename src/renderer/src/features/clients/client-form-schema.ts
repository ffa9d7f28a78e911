import { z } from 'zod'
import { splitTags } from '../../../../shared/clients/tags'
import {
  clientFields,
  tagsList,
  withClientRules,
  type ClientRecord,
  type ClientValues,
} from '../../../../shared/contract/clients'

/**
 * The contract's own field schemas and cross-field rules, with tags typed as one line
 * ("runner, club") because that is how people type them.
 */
// Typed as dd/mm/yyyy rather than <input type="date">, whose format follows the browser's
// UI language: on a US-English Chromium 03/04/1988 would silently mean 4 March.
const UK_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/

export function ukDateToIso(value: string): string {
  const m = UK_DATE.exec(value.trim())
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : value.trim()
}

export function isoToUkDate(iso: string): string {
  const [y, m, d] = iso.split('-')
  return iso ? `${d}/${m}/${y}` : ''
}

// The contract's date fields default '' for a missing value; here the value is always there.
const ukDate = (field: z.ZodType<string, string | undefined>) =>
  z
    .string()
    .default('')
    .transform(ukDateToIso)
    .pipe(field as z.ZodType<string, string>)

// Numbers are typed into text boxes: empty means "not known" (null); "12,5" is 12.5.
const typedNumber = (field: z.ZodType<number | null, number | null | undefined>) =>
  z
    .string()
    .default('')
    .transform((v) => (v.trim() === '' ? null : Number(v.trim().replace(',', '.'))))
    .pipe(field as z.ZodType<number | null, number | null>)

export const clientFormSchema = withClientRules(
  z.object({
    ...clientFields,
    dateOfBirth: ukDate(clientFields.dateOfBirth),
    eventDate: ukDate(clientFields.eventDate),
    weeklyKm: typedNumber(clientFields.weeklyKm),
    longestRunKm: typedNumber(clientFields.longestRunKm),
    runsPerWeek: typedNumber(clientFields.runsPerWeek),
    eventDistanceKm: typedNumber(clientFields.eventDistanceKm),
    tags: z.string().default('').transform(splitTags).pipe(tagsList),
  }),
)

export type ClientFormValues = z.input<typeof clientFormSchema>
export type ClientFormOutput = z.output<typeof clientFormSchema>

export const EMPTY_CLIENT: ClientFormValues = {
  title: '',
  firstName: '',
  lastName: '',
  preferredName: '',
  dateOfBirth: '',
  gender: '',
  mobile: '',
  otherPhone: '',
  email: '',
  address: '',
  postcode: '',
  occupation: '',
  emergencyName: '',
  emergencyRelationship: '',
  emergencyPhone: '',
  gpName: '',
  gpPractice: '',
  gpAddress: '',
  referralSource: '',
  notes: '',
  tags: '',
  sports: '',
  weeklyTraining: '',
  weeklyKm: '',
  longestRunKm: '',
  runsPerWeek: '',
  eventName: '',
  eventDate: '',
  eventDistanceKm: '',
  goals: '',
  consentTreatment: false,
  consentDataNotice: false,
  marketingEmail: false,
  marketingSms: false,
}

const numberText = (n: number | null) => (n === null ? '' : String(n))

export function formValuesOf(record: ClientRecord): ClientFormValues {
  const values: Record<string, unknown> = {}
  for (const key of Object.keys(EMPTY_CLIENT)) {
    values[key] = record[key as keyof ClientValues]
  }
  return {
    ...(values as ClientFormValues),
    dateOfBirth: isoToUkDate(record.dateOfBirth),
    eventDate: isoToUkDate(record.eventDate),
    weeklyKm: numberText(record.weeklyKm),
    longestRunKm: numberText(record.longestRunKm),
    runsPerWeek: numberText(record.runsPerWeek),
    eventDistanceKm: numberText(record.eventDistanceKm),
    tags: record.tags.join(', '),
  }
}
