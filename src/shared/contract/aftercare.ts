import { z } from 'zod'
import { method } from './define'

// Aftercare sheets and the exercise library (issue 18). The owner keeps the library; the
// therapist (or owner) picks from it for a note and gets a one-page PDF, a copy of which is
// kept on the client's record. Reception neither reads nor makes them (they carry health
// advice from a treatment note).
const CLINICAL = ['owner', 'therapist'] as const
const id = z.number().int().positive()

export const exercise = z.object({
  id,
  name: z.string(),
  instructions: z.string(),
  hasPicture: z.boolean(),
  active: z.boolean(),
})
export type Exercise = z.output<typeof exercise>

export const exerciseInput = z.object({
  id: id.optional(),
  name: z.string().trim().min(1, 'Name the exercise').max(80, 'Keep the name under 80 characters'),
  instructions: z
    .string()
    .trim()
    .max(1500, 'Keep the instructions under 1,500 characters')
    .default(''),
  active: z.boolean().default(true),
  /** A PNG or JPEG; null removes the picture, left out keeps it. */
  picture: z
    .object({
      filename: z.string().trim().min(1).max(200),
      base64: z.string().max(15_000_000, 'Pictures over 10 MB cannot be used'),
    })
    .nullable()
    .optional(),
})

export const clientDocument = z.object({
  id,
  kind: z.enum(['aftercare', 'letter']),
  title: z.string(),
  filename: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
})
export type ClientDocument = z.output<typeof clientDocument>

const pdf = z.object({ filename: z.string(), base64: z.string() })

export const letterTemplate = z.object({
  id,
  name: z.string(),
  body: z.string(),
  active: z.boolean(),
})
export type LetterTemplate = z.output<typeof letterTemplate>

export const letterTemplateInput = z.object({
  id: id.optional(),
  name: z.string().trim().min(1, 'Name the template').max(80),
  body: z
    .string()
    .trim()
    .min(1, 'Write the letter')
    .max(10_000, 'Keep the letter under 10,000 characters'),
  active: z.boolean().default(true),
})

export const aftercareContract = {
  'exercises.list': method({
    summary: 'List the exercise library',
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(exercise),
    roles: CLINICAL,
  }),
  'exercises.save': method({
    summary: 'Add or change an exercise in the library',
    input: exerciseInput,
    output: exercise,
    roles: ['owner'],
  }),
  'aftercare.sheet': method({
    summary: 'Make an aftercare and stretching sheet from a note',
    input: z.object({
      noteId: id,
      exerciseIds: z.array(id).max(12, 'At most 12 exercises on one sheet').default([]),
    }),
    output: pdf.extend({ documentId: id }),
    roles: CLINICAL,
  }),
  'letters.templates': method({
    summary: 'List letter templates',
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(letterTemplate),
    roles: CLINICAL,
  }),
  'letters.saveTemplate': method({
    summary: 'Add or change a letter template',
    input: letterTemplateInput,
    output: letterTemplate,
    roles: ['owner'],
  }),
  'letters.make': method({
    summary: 'Write a letter to the GP or another clinician from a signed note',
    input: z.object({ noteId: id, templateId: id }),
    output: pdf.extend({ documentId: id }),
    roles: CLINICAL,
  }),
  'documents.list': method({
    summary: 'List the documents kept on a client’s record',
    input: z.object({ clientId: id }),
    output: z.array(clientDocument),
    roles: CLINICAL,
  }),
  'documents.get': method({
    summary: 'Open a document kept on a client’s record',
    input: z.object({ id }),
    output: pdf,
    roles: CLINICAL,
  }),
}
