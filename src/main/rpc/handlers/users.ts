import { ROLE_LABELS } from '../../../shared/roles'
import {
  assertGoodPassword,
  createUser,
  listUsers,
  requireUser,
  setPassword,
  toUserAccount,
  updateUser,
} from '../../services/users/users'
import { audited } from './audited'
import type { HandlersOf } from './types'

export const usersHandlers: HandlersOf<'users.'> = {
  'users.list': async ({ db, now }) => (await listUsers(db)).map((row) => toUserAccount(row, now)),

  'users.create': audited(async ({ db, now }, input) => {
    assertGoodPassword(input.temporaryPassword, input.username, 'temporaryPassword')
    const row = await createUser(
      db,
      {
        displayName: input.displayName,
        username: input.username,
        role: input.role,
        therapistId: input.therapistId,
        password: input.temporaryPassword,
        mustChangePassword: true,
      },
      now,
    )
    return {
      value: toUserAccount(row, now),
      audit: {
        entityType: 'user',
        entityId: row.id,
        summary: `Added ${row.username} as ${ROLE_LABELS[row.role]}`,
      },
    }
  }),

  'users.update': audited(async ({ db, now }, input) => {
    const before = await requireUser(db, input.id)
    const row = await updateUser(db, input, now)
    const changes: string[] = []
    if (before.display_name !== row.display_name) changes.push('name')
    if (before.role !== row.role) changes.push(`role to ${ROLE_LABELS[row.role]}`)
    if (before.active !== row.active) changes.push(row.active ? 'reactivated' : 'deactivated')
    if (before.therapist_id !== row.therapist_id) changes.push('linked therapist')
    return {
      value: toUserAccount(row, now),
      audit: changes.length > 0 && {
        entityType: 'user',
        entityId: row.id,
        summary: `${row.username}: ${changes.join(', ')}`,
      },
    }
  }),

  'users.resetPassword': audited(async ({ db, now }, input) => {
    const user = await requireUser(db, input.id)
    assertGoodPassword(input.temporaryPassword, user.username, 'temporaryPassword')
    const row = await setPassword(db, user.id, input.temporaryPassword, { mustChange: true }, now)
    return {
      value: toUserAccount(row, now),
      audit: {
        entityType: 'user',
        entityId: row.id,
        summary: `Password reset for ${row.username}; change required at next sign-in`,
      },
    }
  }),
}
