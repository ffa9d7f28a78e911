import { z } from 'zod'
import { method } from './define'
import { revisioned, savesOn } from './revisions'

export const retentionSettings = z.object({
  years: z
    .number({ message: 'Enter a number of years' })
    .int('Enter a whole number of years')
    .min(1, 'Keep records for at least 1 year')
    .max(100, 'Keep records for at most 100 years'),
})

export const retentionDue = z.object({
  id: z.number().int(),
  displayName: z.string(),
  dateOfBirth: z.string(),
  /** The last completed appointment, or the last change to the record before the diary. */
  lastTreatmentAt: z.string(),
  /** The day the record may go: last treatment + years, or a child's 25th birthday if later. */
  keepUntil: z.string(),
  child: z.boolean(),
})
export type RetentionDue = z.output<typeof retentionDue>

const clientId = z.object({ clientId: z.number().int().positive() })

export const retentionContract = {
  'retention.list': method({
    summary: 'List client records past their retention period',
    input: z.object({}),
    output: revisioned(z.object({ years: z.number().int(), clients: z.array(retentionDue) })),
    roles: ['owner'],
    revision: { kind: 'retention-settings', as: 'read' },
  }),
  'retention.updateSettings': method({
    summary: 'Change how long client records are kept',
    input: savesOn(retentionSettings),
    output: revisioned(retentionSettings),
    roles: ['owner'],
    revision: { kind: 'retention-settings', as: 'save' },
  }),
  'retention.anonymise': method({
    summary: 'Anonymise a client record',
    input: clientId,
    output: z.object({ id: z.number().int() }),
    roles: ['owner'],
  }),
  'retention.delete': method({
    summary: 'Delete a client record',
    input: clientId,
    output: z.object({ id: z.number().int() }),
    roles: ['owner'],
  }),
}
