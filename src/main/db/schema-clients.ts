import type { Generated } from 'kysely'

// Client records' tables (migrations 0100, 0510): see schema.ts for the whole database.

export interface ClientsTable {
  id: Generated<number>
  title: string
  first_name: string
  last_name: string
  preferred_name: string
  date_of_birth: string
  gender: string
  mobile: string
  other_phone: string
  email: string
  address: string
  postcode: string
  occupation: string
  emergency_name: string
  emergency_relationship: string
  emergency_phone: string
  gp_name: string
  gp_practice: string
  gp_address: string
  referral_source: string
  notes: string
  /** JSON array of strings. */
  tags: string
  sports: string
  /** Free text as typed before issue 18 (kept): "Other training notes". */
  weekly_training: string
  /** Structured training (migration 1200), null when not known. */
  weekly_km: Generated<number | null>
  longest_run_km: Generated<number | null>
  runs_per_week: Generated<number | null>
  event_distance_km: Generated<number | null>
  event_name: string
  event_date: string
  goals: string
  consent_treatment_at: string | null
  consent_treatment_by: string | null
  consent_data_notice_at: string | null
  consent_data_notice_by: string | null
  marketing_email_at: string | null
  marketing_email_by: string | null
  marketing_sms_at: string | null
  marketing_sms_by: string | null
  first_name_norm: string
  last_name_norm: string
  preferred_name_norm: string
  mobile_norm: string
  other_phone_norm: string
  email_norm: string
  postcode_norm: string
  /** JSON array of { severity, text }: derived, see services/clients/alerts.ts. */
  alert_summary: Generated<string>
  archived_at: string | null
  archived_by: number | null
  merged_into_id: number | null
  created_at: string
  created_by: number | null
  updated_at: string
  updated_by: number | null
  /** The import that created this record (import_batches.id), if any. */
  import_batch_id: Generated<string | null>
  /** The record's id in the system it was imported from, e.g. a Cliniko patient id. */
  import_ref: Generated<string | null>
  /** When the record's identity and clinical text were removed (retention). */
  anonymised_at: Generated<string | null>
  /** Migration 1100: how the client wants confirmations and reminders. */
  message_channel: Generated<'email' | 'sms' | 'both' | 'none'>
  /** Migration 1100: when the client asked for no recall or promotional messages. */
  marketing_opt_out_at: Generated<string | null>
}

/** FTS5 (trigram) shadow of clients, rowid = clients.id. */
export interface ClientsSearchTable {
  rowid: number
  names: string
  contact: string
  phones: string
}

export interface ClientAlertsTable {
  id: Generated<number>
  client_id: number
  severity: 'contraindication' | 'caution' | 'info'
  text: string
  acknowledge_on_open: number
  created_at: string
  created_by: number | null
  removed_at: string | null
  removed_by: number | null
}

export interface HealthQuestionnairesTable {
  id: Generated<number>
  client_id: number
  version: number
  answered_at: string
  recorded_by: number | null
  recorded_by_name: string | null
  /** JSON array of { code, detail }. */
  conditions: string
  other_conditions: string
  medications: string
  /** JSON array of allergy codes. */
  allergies: string
  other_allergies: string
  review_due_on: string
}

export interface ClientMergesTable {
  id: Generated<number>
  kept_id: number
  merged_id: number
  at: string
  by: number | null
  snapshot: string
  undone_at: string | null
  undone_by: number | null
}

export interface ClientSettingsTable {
  id: number
  questionnaire_review_months: number
  /** JSON array of strings. */
  referral_sources: string
}
