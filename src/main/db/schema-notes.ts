import type { Generated } from 'kysely'

// Treatment notes' tables (migration 0300): see schema.ts for the whole database.

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
