import { z } from 'zod'
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
export const clientFormSchema = withClientRules(
  z.object({
    ...clientFields,
    tags: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      )
      .pipe(tagsList),
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
  eventName: '',
  eventDate: '',
  goals: '',
  consentTreatment: false,
  consentDataNotice: false,
  marketingEmail: false,
  marketingSms: false,
}

export function formValuesOf(record: ClientRecord): ClientFormValues {
  const values: Record<string, unknown> = {}
  for (const key of Object.keys(EMPTY_CLIENT)) {
    values[key] = record[key as keyof ClientValues]
  }
  return { ...(values as ClientFormValues), tags: record.tags.join(', ') }
}
