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

export interface UsersTable {
  id: Generated<number>
  username: string
  username_normalised: string
  display_name: string
  role: 'owner' | 'reception' | 'therapist'
  therapist_id: number | null
  active: number
  password_hash: string
  must_change_password: number
  pin_hash: string | null
  failed_attempts: Generated<number>
  locked_until: string | null
  last_sign_in_at: string | null
  created_at: string
  updated_at: string
}

export interface SecuritySettingsTable {
  id: Generated<number>
  idle_lock_minutes: number
  max_failed_attempts: number
  lockout_minutes: number
  notes_author_only: number
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
  users: UsersTable
  security_settings: SecuritySettingsTable
  backup_settings: BackupSettingsTable
}
