import { z } from 'zod'
import { ROLES, ALL_STAFF } from '../roles'
import { method } from './define'

export const username = z
  .string()
  .trim()
  .min(2, 'Use at least 2 characters')
  .max(40, 'Use at most 40 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'Use letters, digits, dots, dashes or underscores only')

export const displayName = z
  .string()
  .trim()
  .min(1, 'Enter a name')
  .max(80, 'Keep the name under 80 characters')

/** Length only here; the full policy (common passwords etc.) is checked in main. */
export const newPassword = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(200, 'Use at most 200 characters')

export const pin = z.string().regex(/^\d{4,6}$/, 'Use 4 to 6 digits')

export const signedInUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  mustChangePassword: z.boolean(),
  hasPin: z.boolean(),
})
export type SignedInUser = z.output<typeof signedInUser>

export const authStatus = z.object({
  /** No accounts yet: the app asks for the owner's. */
  firstRun: z.boolean(),
  user: signedInUser.nullable(),
  /** Signed in, but the screen is locked: `user` is who may unlock. */
  locked: z.boolean(),
  idleLockMinutes: z.number().int(),
  /**
   * The screen has been handed to a client (contract/handover.ts): the app shows only the
   * form, and `user` is null so nothing of staff's screens renders.
   */
  handover: z.boolean().optional(),
})
export type AuthStatus = z.output<typeof authStatus>

export const signInOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-in'), auth: authStatus }),
  z.object({ status: z.literal('failed'), message: z.string() }),
  z.object({ status: z.literal('locked'), message: z.string(), lockedUntil: z.string() }),
])
export type SignInOutcome = z.output<typeof signInOutcome>

const ok = z.object({ ok: z.literal(true) })

export const authContract = {
  'auth.status': method({
    summary: 'Check who is signed in',
    input: z.object({}),
    output: authStatus,
    roles: 'public',
  }),
  'auth.setupOwner': method({
    summary: 'Create the owner account on first run',
    input: z
      .object({
        clinicName: z.string().trim().min(1, 'Enter the clinic name').max(120),
        displayName,
        username,
        password: newPassword,
        confirmPassword: z.string().max(200),
      })
      .refine((v) => v.password === v.confirmPassword, {
        path: ['confirmPassword'],
        message: 'The two passwords do not match',
      }),
    output: authStatus,
    roles: 'public',
  }),
  'auth.signIn': method({
    summary: 'Sign in',
    input: z.object({
      username: z.string().trim().min(1, 'Enter your username').max(40),
      password: z.string().min(1, 'Enter your password').max(200),
    }),
    output: signInOutcome,
    roles: 'public',
  }),
  'auth.unlock': method({
    summary: 'Unlock the screen',
    input: z.object({ secret: z.string().min(1, 'Enter your password or PIN').max(200) }),
    output: signInOutcome,
    roles: 'public',
  }),
  'auth.lock': method({
    summary: 'Lock the screen',
    input: z.object({ reason: z.enum(['manual', 'idle']).default('manual') }),
    output: authStatus,
    roles: ALL_STAFF,
  }),
  'auth.heartbeat': method({
    summary: 'Keep the session awake while someone is working',
    input: z.object({}),
    output: ok,
    roles: ALL_STAFF,
  }),
  'auth.signOut': method({
    summary: 'Sign out',
    input: z.object({}),
    output: authStatus,
    roles: ALL_STAFF,
  }),
  'auth.changePassword': method({
    summary: 'Change your own password',
    input: z
      .object({
        currentPassword: z.string().min(1, 'Enter your current password').max(200),
        newPassword,
        confirmPassword: z.string().max(200),
      })
      .refine((v) => v.newPassword === v.confirmPassword, {
        path: ['confirmPassword'],
        message: 'The two passwords do not match',
      }),
    output: authStatus,
    roles: ALL_STAFF,
  }),
  'auth.setPin': method({
    summary: 'Set your unlock PIN',
    input: z.object({
      currentPassword: z.string().min(1, 'Enter your password').max(200),
      pin: pin.nullable(),
    }),
    output: authStatus,
    roles: ALL_STAFF,
  }),
}
