import { getSecuritySettings, updateSecuritySettings } from '../../services/auth/security-settings'
import { audited } from './audited'
import type { HandlersOf } from './types'

export const securityHandlers: HandlersOf<'security.'> = {
  'security.get': ({ db }) => getSecuritySettings(db),
  'security.update': audited(async ({ db }, input) => {
    const saved = await updateSecuritySettings(db, input)
    return {
      value: saved,
      audit: {
        entityType: 'security_settings',
        entityId: 1,
        summary: `Idle lock ${saved.idleLockMinutes} min; lockout after ${saved.maxFailedAttempts} attempts for ${saved.lockoutMinutes} min; notes ${saved.notesAuthorOnly ? 'author only' : 'all therapists'}`,
      },
    }
  }),
}
