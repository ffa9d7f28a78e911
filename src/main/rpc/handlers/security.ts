import { getSecuritySettings, updateSecuritySettings } from '../../services/auth/security-settings'
import type { HandlersOf } from './types'

export const securityHandlers: HandlersOf<'security.'> = {
  'security.get': ({ db }) => getSecuritySettings(db),
  'security.update': async ({ db, audit }, input) => {
    const saved = await updateSecuritySettings(db, input)
    await audit({
      action: 'settings.security-update',
      entityType: 'security_settings',
      entityId: 1,
      summary: `Idle lock ${saved.idleLockMinutes} min; lockout after ${saved.maxFailedAttempts} attempts for ${saved.lockoutMinutes} min; notes ${saved.notesAuthorOnly ? 'author only' : 'all therapists'}`,
    })
    return saved
  },
}
