import type { ClinicSettingsInput } from '../../../../shared/contract/settings'

// Unsaved typing survives leaving the screen and closing the app: it is only cleared by
// saving or by "Discard changes". Clinic settings hold no client data, so localStorage is fine.
const KEY = 'plinth:draft:clinic-settings'

// The settings' revision the draft was typed on: a draft restored after someone else saved
// the settings must be refused by main, not saved over their change.
const BASE_KEY = `${KEY}:base-revision`

export function readSettingsDraft(): ClinicSettingsInput | null {
  try {
    const raw = localStorage.getItem(KEY)
    return raw ? (JSON.parse(raw) as ClinicSettingsInput) : null
  } catch {
    return null
  }
}

/** The revision a stored draft started from; undefined when there is none. */
export function readSettingsDraftBase(): number | undefined {
  const raw = localStorage.getItem(BASE_KEY)
  return raw === null || localStorage.getItem(KEY) === null ? undefined : Number(raw)
}

export function writeSettingsDraft(values: ClinicSettingsInput, baseRevision?: number): void {
  localStorage.setItem(KEY, JSON.stringify(values))
  if (baseRevision !== undefined && localStorage.getItem(BASE_KEY) === null) {
    localStorage.setItem(BASE_KEY, String(baseRevision))
  }
}

export function clearSettingsDraft(): void {
  localStorage.removeItem(KEY)
  localStorage.removeItem(BASE_KEY)
}
