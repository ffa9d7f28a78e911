import { z } from 'zod'
import { ROLES } from '../roles'
import { displayName, newPassword, username } from './auth'
import { method } from './define'
import { revisioned, savesOn } from './revisions'

/** A member of staff's account as the owner manages it (Settings → Staff). */
export const userAccount = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  therapistId: z.number().int().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  hasPin: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
})
export type UserAccount = z.output<typeof userAccount>

export const usersContract = {
  'users.list': method({
    summary: 'List staff accounts',
    input: z.object({}),
    output: z.array(revisioned(userAccount)),
    roles: ['owner'],
    revision: { kind: 'user', as: 'list' },
  }),
  'users.create': method({
    summary: 'Add a staff account',
    input: z.object({
      displayName,
      username,
      role: z.enum(ROLES, { message: 'Choose a role' }),
      therapistId: z.number().int().positive().nullable().default(null),
      temporaryPassword: newPassword,
    }),
    output: revisioned(userAccount),
    roles: ['owner'],
    revision: { kind: 'user', as: 'create' },
  }),
  'users.update': method({
    summary: 'Change a staff account',
    input: savesOn(
      z.object({
        id: z.number().int().positive(),
        displayName,
        role: z.enum(ROLES, { message: 'Choose a role' }),
        therapistId: z.number().int().positive().nullable(),
        active: z.boolean(),
      }),
    ),
    output: revisioned(userAccount),
    roles: ['owner'],
    revision: { kind: 'user', as: 'save' },
  }),
  'users.resetPassword': method({
    summary: 'Reset a staff password',
    input: z.object({ id: z.number().int().positive(), temporaryPassword: newPassword }),
    output: userAccount,
    roles: ['owner'],
  }),
}
