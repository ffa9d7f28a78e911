import { useClinicSettings } from '../../api/settings'
import { DEFAULT_TIME_ZONE } from '../../../../shared/diary/wall-clock'

/** The clinic's time zone from Settings (Europe/London until they have loaded). */
export function useClinicTimeZone(): string {
  return useClinicSettings().data?.timeZone ?? DEFAULT_TIME_ZONE
}
