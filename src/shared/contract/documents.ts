import { z } from 'zod'
import { method } from './define'

// Documents kept on a client's record (issue 18): aftercare sheets made here, letters made by
// letters.make. Health advice from treatment notes: the clinical roles only.
const CLINICAL = ['owner', 'therapist'] as const
const id = z.number().int().positive()

/** A PDF handed to the screen to download. */
export const pdfFile = z.object({ filename: z.string(), base64: z.string() })

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

export const documentsContract = {
  'documents.aftercareSheet': method({
    summary: 'Make an aftercare and stretching sheet from a note',
    input: z.object({
      noteId: id,
      exerciseIds: z.array(id).max(12, 'At most 12 exercises on one sheet').default([]),
    }),
    output: pdfFile.extend({ documentId: id }),
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
    output: pdfFile,
    roles: CLINICAL,
  }),
}
