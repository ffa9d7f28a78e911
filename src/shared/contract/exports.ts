import { z } from 'zod'
import { method } from './define'

export const exportsContract = {
  'exports.clinic': method({
    summary: "Export all the clinic's records",
    input: z.object({}),
    output: z.object({
      fileName: z.string(),
      /** The zip, base64-encoded: one CSV per table and plinth-export.json with everything. */
      base64: z.string(),
      /** Rows per table in the export. */
      counts: z.record(z.string(), z.number().int()),
    }),
    roles: ['owner'],
  }),
}
