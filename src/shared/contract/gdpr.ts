import { z } from 'zod'
import { method } from './define'

export const gdprContract = {
  'gdpr.subjectAccess': method({
    summary: "Export one client's complete record (subject access request)",
    input: z.object({ clientId: z.number().int().positive() }),
    output: z.object({
      fileName: z.string(),
      /** The record as indented JSON, ready to save and send. */
      json: z.string(),
    }),
    roles: ['owner'],
  }),
}
