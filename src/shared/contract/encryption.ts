import { z } from 'zod'
import { method } from './define'

/**
 * The printed recovery key (issue 12). Shown to the owner at set-up and again whenever they
 * re-enter their password; the key is in the answer only, never in a log or the audit.
 * A wrong password counts towards the account's lockout, like the lock screen.
 */
export const recoveryKeyOutcome = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('shown'),
    /** `ABCD-EFGH-…`: 32 characters in 8 groups of 4. */
    recoveryKey: z.string(),
    /** The printable sheet (PDF). */
    filename: z.string(),
    base64: z.string(),
  }),
  /** Wrong password, or the account is locked: `message` goes next to the password field. */
  z.object({ status: z.literal('failed'), message: z.string() }),
  /** The clinic file is not encrypted (only in tests that read raw bytes): no key to show. */
  z.object({ status: z.literal('not-encrypted') }),
])
export type RecoveryKeyOutcome = z.output<typeof recoveryKeyOutcome>

/** `unconfirmed`: the key was last shown and nobody has confirmed it is printed since. */
export const recoveryKeyState = z.object({ unconfirmed: z.boolean() })

export const encryptionContract = {
  'encryption.recoveryKey': method({
    summary: 'Show and print the recovery key',
    input: z.object({
      password: z.string().min(1, 'Enter your password').max(200, 'That password is too long'),
    }),
    output: recoveryKeyOutcome,
    roles: ['owner'],
  }),
  /**
   * The owner ticked "I have printed it": until then the key counts as shown but not kept,
   * and the owner is reminded on every screen (a user trial reloaded before ticking and was
   * never asked again).
   */
  'encryption.recoveryKeyKept': method({
    summary: 'Confirm the recovery key is printed and kept safe',
    input: z.object({}),
    output: recoveryKeyState,
    roles: ['owner'],
  }),
  'encryption.recoveryKeyStatus': method({
    summary: 'Whether the recovery key was shown and not yet confirmed as kept',
    input: z.object({}),
    output: recoveryKeyState,
    roles: ['owner'],
  }),
}
