import { z } from 'zod'
import { method } from './define'
import { pdfFile } from './documents'

// Letters to the GP or another clinician (issue 18): owner-editable templates with
// {{placeholders}} (src/shared/letters/placeholders.ts), filled from a signed note; the PDF is
// kept on the client's record (documents.list).
const CLINICAL = ['owner', 'therapist'] as const
const id = z.number().int().positive()

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

export const lettersContract = {
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
    /** `empty`: what the record had nothing for (e.g. "GP’s name from the record"). */
    output: pdfFile.extend({ documentId: id, empty: z.array(z.string()) }),
    roles: CLINICAL,
  }),
}
