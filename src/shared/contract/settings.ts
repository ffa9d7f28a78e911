import { ALL_STAFF } from '../roles'
import { z } from 'zod'
import { method } from './define'
import { refusePhone } from '../phone-check'
import { revisioned, savesOn } from './revisions'

export const SUPPORTED_LOCALES = ['en-GB', 'en-IE', 'en-US', 'en-AU', 'en-NZ', 'en-CA'] as const

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value })
    return true
  } catch {
    return false
  }
}

function isCurrency(value: string): boolean {
  return Intl.supportedValuesOf('currency').includes(value)
}

export const clinicSettingsInput = z.object({
  clinicName: z
    .string()
    .trim()
    .min(1, 'Enter the clinic name')
    .max(120, 'Keep the clinic name under 120 characters'),
  address: z.string().trim().max(500, 'Keep the address under 500 characters'),
  phone: z
    .string()
    .trim()
    .max(40, 'Enter a phone number, not a paragraph')
    .superRefine(refusePhone),
  timeZone: z.string().max(64).refine(isTimeZone, { message: 'Choose a time zone from the list' }),
  currency: z
    .string()
    .trim()
    .max(8)
    .toUpperCase()
    .refine(isCurrency, { message: 'Choose a currency code such as GBP or EUR' }),
  locale: z.enum(SUPPORTED_LOCALES, { message: 'Choose a locale from the list' }),
})

export type ClinicSettingsInput = z.input<typeof clinicSettingsInput>

export const clinicSettings = clinicSettingsInput.extend({
  updatedAt: z.string(),
})

export type ClinicSettings = z.output<typeof clinicSettings>

export const settingsContract = {
  'settings.get': method({
    summary: 'Read the clinic settings',
    input: z.object({}),
    output: revisioned(clinicSettings),
    roles: ALL_STAFF,
    revision: { kind: 'clinic-settings', as: 'read' },
  }),
  'settings.update': method({
    summary: 'Change the clinic settings',
    input: savesOn(clinicSettingsInput),
    output: revisioned(clinicSettings),
    roles: ['owner'],
    revision: { kind: 'clinic-settings', as: 'save' },
  }),
}
