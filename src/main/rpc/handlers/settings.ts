import { getClinicSettings, updateClinicSettings } from '../../services/settings'
import { audited } from './audited'
import type { HandlersOf } from './types'

export const settingsHandlers: HandlersOf<'settings.'> = {
  'settings.get': ({ db }) => getClinicSettings(db),
  'settings.update': audited(async ({ db, now }, input) => {
    const { settings, changed } = await updateClinicSettings(db, input, now)
    return {
      value: settings,
      audit: changed.length > 0 && {
        entityType: 'clinic_settings',
        entityId: 1,
        summary: `Changed ${changed.join(', ')}`,
      },
    }
  }),
}
