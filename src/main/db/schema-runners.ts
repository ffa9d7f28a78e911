import type { Generated } from 'kysely'

// Runners' tables (migration 1200): see schema.ts for the whole database.

export type MeasureKind = 'psfs' | 'lefs' | 'visa_a' | 'rom' | 'load'

/** One recording of an outcome measure, range of motion or a week's training load. */
export interface ClientMeasuresTable {
  id: Generated<number>
  client_id: number
  appointment_id: number | null
  kind: MeasureKind
  instrument_version: number
  taken_at: string
  /** JSON: the answers as the contract's schema for `kind` parses them. */
  answers: string
  score: number | null
  source: 'therapist' | 'client'
  recorded_by: number | null
  recorded_by_name: string | null
  recorded_at: string
  replaces_id: number | null
  superseded_at: string | null
}

/** Owner-editable letter templates with {{placeholders}} (migration 1220). */
export interface LetterTemplatesTable {
  id: Generated<number>
  name: string
  body: string
  active: Generated<number>
  created_at: string
  updated_at: string
}

export interface RunnerTables {
  letter_templates: LetterTemplatesTable
  client_measures: ClientMeasuresTable
  exercises: ExercisesTable
  client_documents: ClientDocumentsTable
}

/** The owner's library of home exercises and stretches (migration 1210). */
export interface ExercisesTable {
  id: Generated<number>
  name: string
  instructions: string
  picture_sha256: string | null
  picture_mime: string | null
  active: Generated<number>
  created_at: string
  updated_at: string
}

/** A PDF made for a client and kept on the record (migration 1210). */
export interface ClientDocumentsTable {
  id: Generated<number>
  client_id: number
  kind: 'aftercare' | 'letter'
  title: string
  filename: string
  sha256: string
  size: number
  note_id: number | null
  created_at: string
  created_by: number | null
  created_by_name: string | null
}
