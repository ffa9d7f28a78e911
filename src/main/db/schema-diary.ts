import type { Generated } from 'kysely'
import type { VatRate } from './schema-money'

// The diary's tables (migrations 0200–0220): see schema.ts for the whole database.

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
  /**
   * When the earliest-made of the client's appointments starting later was made (any status);
   * null if none. Kept by triggers (migration 1300) for the rebook rate: never written here.
   */
  next_made_at: Generated<string | null>
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
