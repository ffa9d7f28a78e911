import type { Generated } from 'kysely'

/** Typed tables, kept beside the migrations that create them. Column names are SQL's. */
export interface ClinicSettingsTable {
  id: Generated<number>
  clinic_name: string
  address: string
  phone: string
  time_zone: string
  currency: string
  locale: string
  updated_at: string
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  user_id: number | null
  username: string | null
  action: string
  entity_type: string | null
  entity_id: string | null
  summary: string
  workstation: string
}

export interface BackupSettingsTable {
  id: Generated<number>
  folder: string | null
  keep_recent: number
  keep_daily: number
  keep_weekly: number
  keep_monthly: number
  encrypt: number
  updated_at: string
}

export interface DB {
  clinic_settings: ClinicSettingsTable
  audit_log: AuditLogTable
  backup_settings: BackupSettingsTable
}
