import { z } from 'zod'
import { method } from './define'

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-25')
  .optional()

export const auditFilter = z.object({
  userId: z.number().int().positive().optional(),
  action: z.string().trim().max(60).optional(),
  entityType: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(40).optional(),
  /** Local dates in the clinic's time zone, both inclusive. */
  from: isoDate,
  to: isoDate,
})
export type AuditFilter = z.input<typeof auditFilter>

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  summary: z.string(),
  workstation: z.string(),
})
export type AuditEntryView = z.output<typeof auditEntry>

export const auditContract = {
  'audit.list': method({
    summary: 'Read the audit log',
    input: auditFilter.extend({
      beforeId: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ entries: z.array(auditEntry), hasMore: z.boolean() }),
    roles: ['owner'],
  }),
  'audit.exportCsv': method({
    summary: 'Export the audit log',
    input: auditFilter,
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
    roles: ['owner'],
  }),
}
