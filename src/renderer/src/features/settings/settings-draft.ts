import type { ClinicSettingsInput } from '../../../../shared/contract/settings'

// Unsaved typing survives leaving the screen and closing the app: it is only cleared by
// saving or by "Discard changes". Clinic settings hold no client data, so localStorage is fine.
const KEY = 'plinth:draft:clinic-settings'

export function readSettingsDraft(): ClinicSettingsInput | null {
  try {
    const raw = localStorage.getItem(KEY)
    return raw ? (JSON.parse(raw) as ClinicSettingsInput) : null
  } catch {
    return null
  }
}

export function writeSettingsDraft(values: ClinicSettingsInput): void {
  localStorage.setItem(KEY, JSON.stringify(values))
}

export function clearSettingsDraft(): void {
  localStorage.removeItem(KEY)
}
