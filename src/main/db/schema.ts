import type { Generated } from 'kysely'
import type { MoneyTables } from './schema-money'
import type { PackageTables } from './schema-packages'
import type { ReportTables } from './schema-reports'
import type { MessageTables } from './schema-messages'
import type { RunnerTables } from './schema-runners'
import type {
  ClientAlertsTable,
  ClientMergesTable,
  ClientSettingsTable,
  ClientsSearchTable,
  ClientsTable,
  HealthQuestionnairesTable,
} from './schema-clients'
import type {
  AppointmentHistoryTable,
  AppointmentSeriesTable,
  AppointmentsTable,
  ClinicHoursTable,
  ClosureDaysTable,
  DiarySettingsTable,
  RoomsTable,
  ServicesTable,
  TherapistHoursTable,
  TherapistServicesTable,
  TherapistTimeOffTable,
  TherapistsTable,
  WaitlistTable,
} from './schema-diary'
import type {
  NoteAddendaTable,
  NoteAttachmentsTable,
  NoteTemplatesTable,
  NotesTable,
} from './schema-notes'

// The database as Kysely sees it: one interface per table, the domains' tables in their own
// files (schema-clients, -diary, -notes, -money, -packages) and composed into DB below.
export type * from './schema-clients'
export type * from './schema-diary'
export type * from './schema-notes'
export type * from './schema-messages'
export type * from './schema-runners'

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
  /** 1 while an import's chunks are being written (migration 1310); 0 once whole. */
  in_progress: Generated<number>
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

export interface DB extends MoneyTables, PackageTables, ReportTables, MessageTables, RunnerTables {
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
