import { ROLE_LABELS } from '../../../shared/roles'
import {
  assertGoodPassword,
  createUser,
  listUsers,
  requireUser,
  setPassword,
  toStaffUser,
  updateUser,
} from '../../services/auth/users'
import type { HandlersOf } from './types'

export const usersHandlers: HandlersOf<'users.'> = {
  'users.list': async ({ db, now }) => (await listUsers(db)).map((row) => toStaffUser(row, now)),

  'users.create': async ({ db, now, audit }, input) => {
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
    await audit({
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      summary: `Added ${row.username} as ${ROLE_LABELS[row.role]}`,
    })
    return toStaffUser(row, now)
  },

  'users.update': async ({ db, now, audit }, input) => {
    const before = await requireUser(db, input.id)
    const row = await updateUser(db, input, now)
    const changes: string[] = []
    if (before.display_name !== row.display_name) changes.push('name')
    if (before.role !== row.role) changes.push(`role to ${ROLE_LABELS[row.role]}`)
    if (before.active !== row.active) changes.push(row.active ? 'reactivated' : 'deactivated')
    if (before.therapist_id !== row.therapist_id) changes.push('linked therapist')
    if (changes.length > 0) {
      await audit({
        action: 'user.update',
        entityType: 'user',
        entityId: row.id,
        summary: `${row.username}: ${changes.join(', ')}`,
      })
    }
    return toStaffUser(row, now)
  },

  'users.resetPassword': async ({ db, now, audit }, input) => {
    const user = await requireUser(db, input.id)
    assertGoodPassword(input.temporaryPassword, user.username, 'temporaryPassword')
    const row = await setPassword(db, user.id, input.temporaryPassword, { mustChange: true }, now)
    await audit({
      action: 'user.reset-password',
      entityType: 'user',
      entityId: row.id,
      summary: `Password reset for ${row.username}; change required at next sign-in`,
    })
    return toStaffUser(row, now)
  },
}
