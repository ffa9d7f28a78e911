import type { Generated } from 'kysely'
import type { MoneyTables, VatRate } from './schema-money'
import type { PackageTables } from './schema-packages'

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
  weekly_training: string
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

export interface TherapistsTable {
  id: Generated<number>
  name: string
  colour: string
  /** Migration 0840: printed on receipts for health cash plans. */
  professional_body: Generated<string>
  membership_number: Generated<string>
  qualification: Generated<string>
  user_id: number | null
  active: number
  sort_order: Generated<number>
  created_at: string
  updated_at: string
}

export interface ServicesTable {
  id: Generated<number>
  name: string
  duration_minutes: number
  price_pence: number
  /** Migration 0800: used once the clinic is VAT registered. */
  vat_rate: Generated<VatRate>
  buffer_after_minutes: number
  colour: string
  needs_room: number
  active: number
  created_at: string
  updated_at: string
}

export interface TherapistServicesTable {
  therapist_id: number
  service_id: number
}

export interface TherapistHoursTable {
  id: Generated<number>
  therapist_id: number
  kind: 'work' | 'break'
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number
  starts: string
  ends: string
}

export interface TherapistTimeOffTable {
  id: Generated<number>
  therapist_id: number
  starts_on: string
  ends_on: string
  reason: string
  created_at: string
  /** Part of each day only ('HH:MM' local); both null for whole days. */
  from_time: string | null
  until_time: string | null
}

export interface RoomsTable {
  id: Generated<number>
  name: string
  active: number
  created_at: string
  updated_at: string
}

export interface ClinicHoursTable {
  weekday: number
  opens: string
  closes: string
}

export interface ClosureDaysTable {
  date: string
  reason: string
}

export interface DiarySettingsTable {
  id: Generated<number>
  cancellation_notice_hours: number
}

export type AppointmentStatus = 'booked' | 'arrived' | 'completed' | 'cancelled' | 'no_show'

export interface AppointmentsTable {
  id: Generated<number>
  client_id: number
  therapist_id: number
  service_id: number
  room_id: number | null
  series_id: number | null
  starts_at: string
  ends_at: string
  blocked_until: string
  status: Generated<AppointmentStatus>
  price_pence: number
  notes: Generated<string>
  cancelled_by: 'client' | 'clinic' | null
  cancel_reason: string | null
  late_cancellation: Generated<number>
  override_reason: string | null
  created_at: string
  created_by: number | null
  updated_at: string
  /** The import that created it (migration 0520); null when booked in Plinth. */
  import_batch_id: Generated<string | null>
}

export interface AppointmentSeriesTable {
  id: Generated<number>
  every_weeks: number
  local_time: string
  created_at: string
  created_by: number | null
}

export interface AppointmentHistoryTable {
  id: Generated<number>
  appointment_id: number
  at: string
  user_id: number | null
  username: string | null
  action: string
  summary: string
}

export interface WaitlistTable {
  id: Generated<number>
  client_id: number
  service_id: number
  therapist_ids: string
  windows: string
  urgency: 'low' | 'normal' | 'high'
  notes: string
  created_at: string
  created_by: number | null
  resolved_at: string | null
}

export interface NoteTemplatesTable {
  id: Generated<number>
  name: string
  description: Generated<string>
  /** JSON array of { id, label, hint }. */
  fields: string
  active: Generated<number>
  sort_order: Generated<number>
  created_at: string
  updated_at: string
}

export interface NotesTable {
  id: Generated<number>
  client_id: number
  appointment_id: number | null
  therapist_id: number | null
  author_user_id: number
  author_name: string
  template_id: number
  template_name: string
  template_fields: string
  session_at: string
  /** JSON object: template field id -> text. */
  sections: Generated<string>
  pain_before: number | null
  pain_after: number | null
  areas: Generated<string>
  /** JSON array of technique names. */
  techniques: Generated<string>
  pressure: Generated<string>
  response: Generated<string>
  aftercare: Generated<string>
  home_exercises: Generated<string>
  next_session: Generated<string>
  /** JSON array of body-chart marks. */
  body_marks: Generated<string>
  revision: Generated<number>
  created_at: string
  updated_at: string
  signed_at: string | null
  signed_by: number | null
  signed_by_name: string | null
}

export interface NoteAddendaTable {
  id: Generated<number>
  note_id: number
  body: string
  author_user_id: number
  author_name: string
  signed_at: string
}

export interface NoteAttachmentsTable {
  id: Generated<number>
  note_id: number
  sha256: string
  filename: string
  mime: string
  size: number
  added_at: string
  added_by: number | null
  added_by_name: string | null
}

export interface ImportBatchesTable {
  id: string
  /** What the import created: 'clients' or 'appointments'. */
  kind: Generated<'clients' | 'appointments'>
  file_name: string
  preset: string
  created_count: number
  skipped_count: number
  at: string
  by: number | null
  undone_at: string | null
  undone_by: number | null
}

export interface RetentionSettingsTable {
  id: number
  years: number
}

export interface DeskHostTable {
  id: Generated<number>
  sharing: number
  port: number
  cert_pem: string | null
  key_pem: string | null
  updated_at: string
}

export interface DesksTable {
  id: Generated<number>
  name: string
  token_hash: string
  paired_at: string
  last_seen_at: string | null
  last_address: string | null
  revoked_at: string | null
}

/** A kept save a desk sent with a request id, and what the host answered (0910). */
export interface DeskSavesTable {
  request_id: string
  method: string
  user_id: number
  answer: string
  applied_at: string
}

export interface RecordRevisionsTable {
  kind: string
  record_id: number
  revision: number
}

/** The normaliser version each derived search structure was built with (0730). */
export interface SearchVersionsTable {
  /** e.g. 'clients' */
  name: string
  version: number
  rebuilt_at: string
}

export interface DB extends MoneyTables, PackageTables {
  clinic_settings: ClinicSettingsTable
  audit_log: AuditLogTable
  users: UsersTable
  security_settings: SecuritySettingsTable
  backup_settings: BackupSettingsTable
  clients: ClientsTable
  clients_search: ClientsSearchTable
  client_alerts: ClientAlertsTable
  health_questionnaires: HealthQuestionnairesTable
  client_merges: ClientMergesTable
  client_settings: ClientSettingsTable
  therapists: TherapistsTable
  services: ServicesTable
  therapist_services: TherapistServicesTable
  therapist_hours: TherapistHoursTable
  therapist_time_off: TherapistTimeOffTable
  rooms: RoomsTable
  clinic_hours: ClinicHoursTable
  closure_days: ClosureDaysTable
  diary_settings: DiarySettingsTable
  appointments: AppointmentsTable
  appointment_series: AppointmentSeriesTable
  appointment_history: AppointmentHistoryTable
  waitlist: WaitlistTable
  note_templates: NoteTemplatesTable
  notes: NotesTable
  note_addenda: NoteAddendaTable
  note_attachments: NoteAttachmentsTable
  import_batches: ImportBatchesTable
  retention_settings: RetentionSettingsTable
  desk_host: DeskHostTable
  desks: DesksTable
  desk_saves: DeskSavesTable
  record_revisions: RecordRevisionsTable
  search_versions: SearchVersionsTable
}
