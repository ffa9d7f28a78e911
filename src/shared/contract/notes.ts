import { ALL_STAFF } from '../roles'
import { z } from 'zod'
import { MARK_KINDS, REGION_BY_ID } from '../notes/body-regions'
import { method } from './define'
import { revisioned, savesOn } from './revisions'

const CLINICAL = ['owner', 'therapist'] as const
const id = z.number().int().positive()

const text = (max: number) =>
  z
    .string()
    .max(max, `Keep this under ${max.toLocaleString('en-GB')} characters`)
    .default('')

export const templateField = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lower-case letters, digits and _ for a field id'),
  label: z.string().trim().min(1, 'Give the field a label').max(80),
  hint: z.string().trim().max(200).optional(),
})

export const noteTemplate = z.object({
  id,
  name: z.string(),
  description: z.string(),
  fields: z.array(templateField),
  active: z.boolean(),
})
export type NoteTemplate = z.output<typeof noteTemplate>

export const templateInput = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1, 'Name the template').max(80),
    description: z.string().trim().max(200).default(''),
    fields: z.array(templateField).min(1, 'A template needs at least one field').max(30),
    active: z.boolean().default(true),
  })
  .refine((t) => new Set(t.fields.map((f) => f.id)).size === t.fields.length, {
    message: 'Each field needs its own id',
    path: ['fields'],
  })

const painScore = z
  .number()
  .int('Pain is a whole number from 0 to 10')
  .min(0, 'Pain is 0 to 10')
  .max(10, 'Pain is 0 to 10')
  .nullable()

export const bodyMark = z
  .object({
    region: z
      .string()
      .max(40)
      .refine((r) => REGION_BY_ID.has(r), 'Unknown body region'),
    x: z.number().min(0).max(100),
    y: z.number().min(0).max(220),
    kind: z.enum(MARK_KINDS),
    intensity: z.number().int().min(1).max(5),
  })
  .strict()
export type BodyMark = z.output<typeof bodyMark>

/** What the therapist types: saved as a draft until signed. */
export const noteContent = z.object({
  sections: z
    .record(z.string().max(40), z.string().max(20_000, 'Keep each section under 20,000 characters'))
    .refine((s) => Object.keys(s).length <= 40, 'A note has at most 40 sections'),
  painBefore: painScore,
  painAfter: painScore,
  areas: text(2000),
  techniques: z.array(z.string().trim().min(1).max(60)).max(20),
  pressure: text(200),
  response: text(4000),
  aftercare: text(4000),
  homeExercises: text(4000),
  nextSession: text(200),
  bodyMarks: z.array(bodyMark).max(200, 'At most 200 marks on one chart'),
})
export type NoteContent = z.output<typeof noteContent>

const person = z.object({ userId: z.number().int(), name: z.string() })

export const addendum = z.object({
  id,
  body: z.string(),
  author: person,
  signedAt: z.string(),
})
export type Addendum = z.output<typeof addendum>

export const attachment = z.object({
  id,
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  addedAt: z.string(),
  addedBy: z.string().nullable(),
})
export type Attachment = z.output<typeof attachment>

/** What anyone may know about a note: that it exists, when, by whom, whether signed. */
export const noteSummary = z.object({
  id,
  clientId: id,
  appointmentId: id.nullable(),
  sessionAt: z.string(),
  templateName: z.string(),
  author: person,
  therapistName: z.string().nullable(),
  signedAt: z.string().nullable(),
  /** False when the caller may see only that the note exists (reception, author-only rule). */
  readable: z.boolean(),
  /** Present only when readable. */
  painBefore: painScore.optional(),
  painAfter: painScore.optional(),
  bodyMarks: z.array(bodyMark).optional(),
  addendaCount: z.number().int().optional(),
})
export type NoteSummary = z.output<typeof noteSummary>

export const note = noteContent.extend({
  id,
  clientId: id,
  clientName: z.string(),
  appointmentId: id.nullable(),
  sessionAt: z.string(),
  template: z.object({ id, name: z.string(), fields: z.array(templateField) }),
  author: person,
  therapistName: z.string().nullable(),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  signed: z.object({ at: z.string(), by: person }).nullable(),
  addenda: z.array(addendum),
  attachments: z.array(attachment),
  /** The caller wrote it and it is unsigned. */
  editable: z.boolean(),
})
export type Note = z.output<typeof note>

export const unsignedNote = z.object({
  id,
  clientId: id,
  clientName: z.string(),
  sessionAt: z.string(),
  templateName: z.string(),
  author: person,
  /** Left unsigned past the end of the day it was for. */
  overdue: z.boolean(),
})

/** Where the next page of unsigned notes starts: after this note, in session order. */
export const unsignedCursor = z.object({ sessionAt: z.string().max(40), id })

/** How many unsigned notes a page holds unless asked otherwise. */
export const UNSIGNED_PAGE = 20

/**
 * One page of unsigned notes, oldest session first. Paged because a clinic that never signs
 * can hold 20,000 drafts (262 ms to list them all on the first screen: issue 19).
 */
export const unsignedPage = z.object({
  notes: z.array(unsignedNote),
  /** All the caller's unsigned notes (the filter's, when ids or overdueOnly are given). */
  total: z.number().int(),
  /** Of those, left unsigned past the end of their day. */
  overdue: z.number().int(),
  /** Pass as `after` for the next page; null on the last. */
  next: unsignedCursor.nullable(),
})
export type UnsignedPage = z.output<typeof unsignedPage>

const saved = z.object({ id, revision: z.number().int(), updatedAt: z.string() })

export const notesContract = {
  'notes.templates': method({
    summary: 'List note templates',
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(revisioned(noteTemplate)),
    roles: CLINICAL,
    revision: { kind: 'note-template', as: 'list' },
  }),
  'notes.saveTemplate': method({
    summary: 'Add or change a note template',
    input: savesOn(templateInput),
    output: revisioned(noteTemplate),
    roles: ['owner'],
    revision: { kind: 'note-template', as: 'save' },
  }),
  'notes.listForClient': method({
    summary: 'List a client’s treatment notes',
    input: z.object({ clientId: id }),
    output: z.array(noteSummary),
    roles: ALL_STAFF,
  }),
  'notes.forAppointment': method({
    summary: 'See whether an appointment has a note',
    input: z.object({ appointmentId: id }),
    output: noteSummary.nullable(),
    roles: ALL_STAFF,
  }),
  'notes.get': method({
    summary: 'Read a treatment note',
    input: z.object({ id }),
    output: note,
    roles: CLINICAL,
  }),
  'notes.start': method({
    summary: 'Start a treatment note',
    input: z.object({
      clientId: id,
      appointmentId: id.optional(),
      templateId: id,
    }),
    output: note,
    roles: CLINICAL,
  }),
  'notes.saveDraft': method({
    summary: 'Save a draft treatment note',
    /** baseRevision: the note's `revision` this save builds on; a stale one is a 'conflict'. */
    input: z.object({ id, baseRevision: z.number().int().min(0), content: noteContent }),
    output: saved,
    roles: CLINICAL,
  }),
  'notes.sign': method({
    summary: 'Sign a treatment note',
    /** baseRevision: the revision on screen; signing a version not seen is a 'conflict'. */
    input: z.object({ id, baseRevision: z.number().int().min(0).optional() }),
    output: note,
    roles: CLINICAL,
  }),
  'notes.discardDraft': method({
    summary: 'Discard a draft treatment note',
    input: z.object({ id }),
    output: z.object({ ok: z.literal(true) }),
    roles: CLINICAL,
  }),
  'notes.addAddendum': method({
    summary: 'Add an addendum to a signed note',
    input: z.object({
      noteId: id,
      body: z.string().trim().min(1, 'Write the addendum').max(10_000),
    }),
    output: note,
    roles: CLINICAL,
  }),
  'notes.unsigned': method({
    summary: 'List unsigned treatment notes, a page at a time',
    input: z.object({
      /** Only those left unsigned past the end of their day (the diary's banner). */
      overdueOnly: z.boolean().default(false),
      /** Only these notes (a desk's kept drafts). */
      ids: z.array(id).max(50).optional(),
      limit: z.number().int().min(1).max(100).default(UNSIGNED_PAGE),
      after: unsignedCursor.optional(),
    }),
    output: unsignedPage,
    roles: CLINICAL,
  }),
  'notes.search': method({
    summary: 'Search a client’s treatment notes',
    input: z.object({ clientId: id, query: z.string().trim().min(1).max(200) }),
    output: z.array(z.object({ id, sessionAt: z.string(), snippet: z.string() })),
    roles: CLINICAL,
  }),
  'notes.progress': method({
    summary: 'See a client’s progress over sessions',
    input: z.object({ clientId: id }),
    output: z.array(
      z.object({
        id,
        sessionAt: z.string(),
        painBefore: painScore,
        painAfter: painScore,
        bodyMarks: z.array(bodyMark),
      }),
    ),
    roles: CLINICAL,
  }),
  'notes.exportPdf': method({
    summary: 'Export treatment notes to PDF',
    input: z.union([z.object({ noteId: id }), z.object({ clientId: id })]),
    output: z.object({ filename: z.string(), base64: z.string() }),
    roles: CLINICAL,
  }),
  'notes.deleteTemplate': method({
    summary: 'Delete or retire a note template',
    input: z.object({ id }),
    /** Deleted when no note uses it; retired (hidden from new notes) when notes do. */
    output: z.object({ outcome: z.enum(['deleted', 'retired']) }),
    roles: ['owner'],
  }),
  'notes.attachment': method({
    summary: 'Open a file attached to a treatment note',
    input: z.object({ id }),
    output: z.object({
      id,
      noteId: id,
      filename: z.string(),
      mime: z.string(),
      size: z.number().int(),
      base64: z.string(),
    }),
    roles: CLINICAL,
  }),
  'notes.addAttachment': method({
    summary: 'Attach a file to a treatment note',
    input: z.object({
      noteId: id,
      filename: z.string().trim().min(1).max(200),
      base64: z.string().max(15_000_000, 'Files over 10 MB cannot be attached'),
    }),
    output: note,
    roles: CLINICAL,
  }),
}
