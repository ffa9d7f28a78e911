import { z } from 'zod'
import { method } from './define'
import { deskName } from './network'
import { daySheetOutput } from './appointment-values'
import { KEPT_SAVES, type KeptSaveMethod } from '../kept-saves'
import { clinicFileProblem, rescueChoice } from './rescue'

/**
 * The desk's own methods (issue 15), answered by this computer's main process before any
 * host is involved: choosing to host or to join, finding hosts, pairing. Deliberately not
 * in `contract`: the host's router never sees them. Public because nobody can be signed in
 * on a computer that has no clinic yet.
 */
export const linkInfo = z.object({
  /**
   * host: this computer keeps the clinic; desk: it is joined to one; choosing: first start;
   * recovery: it keeps a clinic its keystore cannot unlock, so it asks for the recovery key;
   * rescue: its clinic file is missing (with backups beside) or will not open (issue 12).
   */
  mode: z.enum(['host', 'desk', 'choosing', 'recovery', 'rescue']),
  clinicName: z.string().nullable(),
  hostUrl: z.string().nullable(),
  deskName: z.string().nullable(),
})
export type LinkInfo = z.output<typeof linkInfo>

export const foundHost = z.object({ name: z.string(), url: z.string(), version: z.string() })

export const probedHost = z.object({
  url: z.string(),
  clinicName: z.string(),
  fingerprint: z.string(),
  version: z.string(),
})
export type ProbedHost = z.output<typeof probedHost>

/** A save kept on this desk while the host was away (see shared/kept-saves.ts). */
export const keptSave = z.object({
  key: z.string(),
  method: z.enum(Object.keys(KEPT_SAVES) as [KeptSaveMethod, ...KeptSaveMethod[]]),
  /** e.g. "Treatment note" */
  what: z.string(),
  recordId: z.number().int(),
  /** When it was last typed into, ISO. */
  keptAt: z.string(),
  /** waiting: saved when the host is back; conflict: changed elsewhere; refused: see message. */
  state: z.enum(['waiting', 'conflict', 'refused']),
  message: z.string().nullable(),
  /** The save as the form sent it (for a note: id, baseRevision, content). */
  input: z.record(z.string(), z.unknown()),
})
export type KeptSave = z.output<typeof keptSave>

export const linkContract = {
  'link.info': method({
    summary: 'See whether this computer hosts or joins a clinic',
    input: z.object({}),
    output: linkInfo,
    roles: 'public',
  }),
  'link.discover': method({
    summary: 'Find clinics on this network',
    input: z.object({}),
    output: z.array(foundHost),
    roles: 'public',
  }),
  'link.probe': method({
    summary: 'Look up a clinic host',
    input: z.object({
      address: z
        .string()
        .trim()
        .min(1, 'Enter the host’s address, e.g. 192.168.1.20')
        .max(200, 'That address is too long'),
    }),
    output: probedHost,
    roles: 'public',
  }),
  'link.pair': method({
    summary: 'Join a clinic',
    input: z.object({
      url: z.string().max(200),
      code: z
        .string()
        .trim()
        .min(1, 'Enter the pairing code shown on the host')
        .max(20, 'A pairing code has 8 characters'),
      deskName,
    }),
    output: linkInfo,
    roles: 'public',
  }),
  'link.leave': method({
    summary: 'Forget the clinic this desk joined',
    input: z.object({}),
    output: linkInfo,
    roles: 'public',
  }),
  'link.recover': method({
    summary: 'Unlock the clinic file with its recovery key',
    input: z.object({
      recoveryKey: z
        .string()
        .trim()
        .min(1, 'Enter the recovery key from the printed sheet')
        .max(100, 'A recovery key has 32 letters and digits'),
    }),
    output: linkInfo,
    roles: 'public',
  }),
  'link.rescueInfo': method({
    summary: 'See why the clinic file did not open, and its backups',
    input: z.object({}),
    output: clinicFileProblem.nullable(),
    roles: 'public',
  }),
  'link.rescue': method({
    summary: 'Restore a backup of a missing or damaged clinic file, or start a new clinic',
    input: rescueChoice,
    output: linkInfo,
    roles: 'public',
  }),
  'link.hostHere': method({
    summary: 'Keep the clinic on this computer',
    input: z.object({}),
    output: linkInfo,
    roles: 'public',
  }),
  'link.kept': method({
    summary: 'See what this desk keeps for the host',
    input: z.object({}),
    output: z.array(keptSave),
    roles: 'public',
  }),
  'link.dropKept': method({
    summary: 'Discard a save kept on this desk',
    input: z.object({ key: z.string().max(200) }),
    output: z.object({ dropped: z.boolean() }),
    roles: 'public',
  }),
  'link.lastDaySheet': method({
    summary: 'Print the day sheet this desk last had',
    input: z.object({}),
    output: z.object({ fetchedAt: z.string(), sheet: daySheetOutput }).nullable(),
    roles: 'public',
  }),
}

export type LinkMethod = keyof typeof linkContract
