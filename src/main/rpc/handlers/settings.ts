import { getClinicSettings, updateClinicSettings } from '../../services/settings'
import type { HandlersOf } from './types'

export const settingsHandlers: HandlersOf<'settings.'> = {
  'settings.get': ({ db }) => getClinicSettings(db),
  'settings.update': async ({ db, now, audit }, input) => {
    const { settings, changed } = await updateClinicSettings(db, input, now)
    if (changed.length > 0) {
      await audit({
        action: 'settings.update',
        entityType: 'clinic_settings',
        entityId: 1,
        summary: `Changed ${changed.join(', ')}`,
      })
    }
    return settings
  },
}
