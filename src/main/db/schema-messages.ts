import type { Generated } from 'kysely'

// The outbox and its settings (migration 1100, issue 16); see schema.ts for the whole database.

export type MessageKind =
  'confirmation' | 'reminder' | 'moved' | 'cancelled' | 'dna' | 'aftercare' | 'recall' | 'test'
export type MessageChannel = 'email' | 'sms'
export type MessageState = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled'

export interface MessagesTable {
  id: Generated<number>
  /** One cause, one message: e.g. `reminder:42:2026-06-18T08:00:00.000Z:sms`. */
  idem_key: string
  kind: MessageKind
  channel: MessageChannel
  client_id: number | null
  appointment_id: number | null
  to_address: string
  subject: Generated<string>
  body: string
  /** 1: the e-mail carries the appointment as an .ics attachment (made at send time). */
  with_ics: Generated<number>
  segments: Generated<number>
  cost_pence: Generated<number>
  due_at: string
  state: Generated<MessageState>
  attempts: Generated<number>
  next_attempt_at: string
  last_error: string | null
  gateway_id: string | null
  delivery: string | null
  queued_at: string
  sending_at: string | null
  sent_at: string | null
  failed_at: string | null
  cancelled_at: string | null
  cancel_reason: string | null
}

export interface MessageSettingsTable {
  id: number
  reminder_hours: number
  /** Minutes after local midnight: nothing is sent from quiet_start until quiet_end. */
  quiet_start: number
  quiet_end: number
  recall_weeks: number | null
  email_enabled: number
  smtp_host: string
  smtp_port: number
  smtp_security: 'tls' | 'starttls' | 'none'
  smtp_user: string
  smtp_password_sealed: string | null
  smtp_ca_pem: string
  from_name: string
  from_address: string
  sms_enabled: number
  sms_base_url: string
  sms_token_sealed: string | null
  sms_sender: string
  sms_pence_per_segment: number
  updated_at: string
}

export interface MessageTemplatesTable {
  kind: MessageKind
  channel: MessageChannel
  subject: string
  body: string
  updated_at: string
}

export interface MessageAftercareTable {
  service_id: number
  days: number
}

export interface MessageTables {
  messages: MessagesTable
  message_settings: MessageSettingsTable
  message_templates: MessageTemplatesTable
  message_aftercare: MessageAftercareTable
}
