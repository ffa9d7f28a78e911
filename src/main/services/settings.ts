import type { Kysely } from 'kysely'
import type { ClinicSettings } from '../../shared/contract/settings'
import type { DB } from '../db/schema'

type ValidSettings = Omit<ClinicSettings, 'updatedAt'>

function toSettings(row: {
  clinic_name: string
  address: string
  phone: string
  time_zone: string
  currency: string
  locale: string
  updated_at: string
}): ClinicSettings {
  return {
    clinicName: row.clinic_name,
    address: row.address,
    phone: row.phone,
    timeZone: row.time_zone,
    currency: row.currency,
    locale: row.locale as ClinicSettings['locale'],
    updatedAt: row.updated_at,
  }
}

export async function getClinicSettings(db: Kysely<DB>): Promise<ClinicSettings> {
  const row = await db
    .selectFrom('clinic_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return toSettings(row)
}

/**
 * The clinic's IANA time zone (default 'Europe/London', migration 0010): the one way main
 * reads it, for hours, recurrence, reminders and display. Raw-connection code that runs
 * before migrations (backup-settings.ts) has its own fallback to the same default.
 */
export async function clinicTimeZone(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('clinic_settings')
    .select('time_zone')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return row.time_zone
}

export interface SettingsChange {
  settings: ClinicSettings
  /** Labels of the fields that changed, for the audit log. */
  changed: string[]
}

const FIELD_LABELS: Record<keyof ValidSettings, string> = {
  clinicName: 'clinic name',
  address: 'address',
  phone: 'phone',
  timeZone: 'time zone',
  currency: 'currency',
  locale: 'locale',
}

export async function updateClinicSettings(
  db: Kysely<DB>,
  input: ValidSettings,
  now: Date,
): Promise<SettingsChange> {
  const before = await getClinicSettings(db)
  const changed = (Object.keys(FIELD_LABELS) as (keyof ValidSettings)[])
    .filter((key) => before[key] !== input[key])
    .map((key) => FIELD_LABELS[key])
  const row = await db
    .updateTable('clinic_settings')
    .set({
      clinic_name: input.clinicName,
      address: input.address,
      phone: input.phone,
      time_zone: input.timeZone,
      currency: input.currency,
      locale: input.locale,
      updated_at: now.toISOString(),
    })
    .where('id', '=', 1)
    .returningAll()
    .executeTakeFirstOrThrow()
  return { settings: toSettings(row), changed }
}
