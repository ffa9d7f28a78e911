import { z } from 'zod'
import { backupInfo } from './backups'

/**
 * Start-up with a clinic file that is missing while backups of it exist, or that will not
 * open (issue 12): what main found, and what the person at the computer may choose.
 */
export const clinicFileProblem = z.object({
  /** missing: absent or 0 bytes, with backups beside; damaged: it will not open. */
  kind: z.enum(['missing', 'damaged']),
  file: z.string(),
  /** SQLite's or the key check's own words, for a damaged file. */
  detail: z.string().nullable(),
  backupFolder: z.string(),
  /** Newest first; the newest verified one is the one offered. */
  backups: z.array(backupInfo),
})
export type ClinicFileProblem = z.output<typeof clinicFileProblem>

export const rescueChoice = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('restore'),
    backup: z.string().min(1).max(200),
    /** The backup's passphrase, or the recovery key of the clinic that made it. */
    secret: z.string().max(200).optional(),
  }),
  z.object({
    kind: z.literal('startNew'),
    /** Typed by the person: a new clinic is never started by a stray click. */
    confirm: z.literal('START NEW', {
      message: 'Type START NEW to start a new, empty clinic',
    }),
  }),
])
export type RescueChoice = z.output<typeof rescueChoice>
