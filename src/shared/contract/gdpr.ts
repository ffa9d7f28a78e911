import { z } from 'zod'
import { method } from './define'

export const gdprContract = {
  'gdpr.subjectAccess': method({
    summary: "Export one client's complete record (subject access request)",
    input: z.object({ clientId: z.number().int().positive() }),
    output: z.object({
      /** subject-access-client-<id>-<date>.zip */
      fileName: z.string(),
      /** The zip: the record as a PDF and as JSON, and copies of the notes' attached files. */
      base64: z.string(),
      /** The names inside the zip, to tell the owner what was produced. */
      files: z.array(z.string()),
    }),
    roles: ['owner'],
  }),
}
