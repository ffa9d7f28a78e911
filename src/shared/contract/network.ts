import { z } from 'zod'
import { method } from './define'

const owner = ['owner'] as const

export const deskName = z
  .string()
  .trim()
  .min(1, 'Enter a name for this computer, e.g. Treatment room 2')
  .max(60, 'Keep the name under 60 characters')

export const pairedDesk = z.object({
  id: z.number().int(),
  name: z.string(),
  pairedAt: z.string(),
  /** ISO instant of its last call; null if it has not called since pairing. */
  lastSeenAt: z.string().nullable(),
  /** The network address it last called from. */
  lastAddress: z.string().nullable(),
})
export type PairedDesk = z.output<typeof pairedDesk>

export const networkStatus = z.object({
  /** Whether this clinic is shared: a TLS server listens only while this is true. */
  sharing: z.boolean(),
  port: z.number().int(),
  /** Listening right now (false while starting, or if the port was taken). */
  listening: z.boolean(),
  /** Why the server is not listening although sharing is on, in words. */
  problem: z.string().nullable(),
  /** SHA-256 of the host certificate, colon-separated hex; null before the first share. */
  fingerprint: z.string().nullable(),
  /** The current pairing code (8 characters) and when it stops working; null if none. */
  pairing: z.object({ code: z.string(), expiresAt: z.string() }).nullable(),
  /** Addresses a desk can type in, e.g. https://192.168.1.20:47150. */
  addresses: z.array(z.string()),
})
export type NetworkStatus = z.output<typeof networkStatus>

/** Sharing the clinic with other computers (issue 15); the owner's business only. */
export const networkContract = {
  'network.status': method({
    summary: 'See whether the clinic is shared on the network',
    input: z.object({}),
    output: networkStatus,
    roles: owner,
  }),
  'network.share': method({
    summary: 'Share the clinic on the network',
    input: z.object({
      sharing: z.boolean(),
      port: z
        .number({ message: 'Enter a port number' })
        .int('Enter a whole port number')
        .min(1024, 'Use a port from 1024 to 65535')
        .max(65_535, 'Use a port from 1024 to 65535')
        .optional(),
    }),
    output: networkStatus,
    roles: owner,
  }),
  'network.newPairingCode': method({
    summary: 'Show a code to pair a computer with the clinic',
    input: z.object({}),
    output: networkStatus,
    roles: owner,
  }),
  'network.desks': method({
    summary: 'See the computers paired with the clinic',
    input: z.object({}),
    output: z.array(pairedDesk),
    roles: owner,
  }),
  'network.renameDesk': method({
    summary: 'Rename a paired computer',
    input: z.object({ id: z.number().int().positive(), name: deskName }),
    output: pairedDesk,
    roles: owner,
  }),
  'network.revokeDesk': method({
    summary: 'Revoke a paired computer',
    input: z.object({ id: z.number().int().positive() }),
    output: z.object({ revoked: z.literal(true) }),
    roles: owner,
  }),
}
