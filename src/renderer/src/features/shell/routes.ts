import type { Role } from '../../../../shared/roles'

/** Every screen, in the side bar's order. Alt+n is given by position: see sideBarFor. */
export const SCREENS = [
  { id: 'diary', label: 'Diary', roles: ['owner', 'reception', 'therapist'] },
  { id: 'clients', label: 'Clients', roles: ['owner', 'reception', 'therapist'] },
  { id: 'money', label: 'Money', roles: ['owner', 'reception'] },
  { id: 'messages', label: 'Messages', roles: ['owner', 'reception'] },
  // A therapist's entry shows only once the owner shares their own figures (Shell asks
  // reports.access); opened by address before then, the screen says why it is empty.
  { id: 'reports', label: 'Reports', roles: ['owner', 'therapist'] },
  { id: 'audit', label: 'Audit log', roles: ['owner'] },
  { id: 'settings', label: 'Settings', roles: ['owner'] },
] as const satisfies readonly {
  id: string
  label: string
  roles: readonly Role[]
}[]

export type ScreenId = (typeof SCREENS)[number]['id'] | 'account'

export interface Route {
  screen: ScreenId
  /** The part after the screen, e.g. 'staff' in #/settings/staff. */
  section: string | null
}

export function screensFor(role: Role) {
  return SCREENS.filter((s) => (s.roles as readonly Role[]).includes(role))
}

/**
 * The side bar this user sees, each entry with its Alt+n key: its position in the list, so
 * the third entry is Alt+3 whoever is signed in. (Two user trials pressed the number of the
 * entry they saw: fixed numbers sent reception's Alt+3 to nothing and a therapist's Reports
 * to Alt+5.) A therapist sees Reports only once the owner shares their own figures.
 */
export function sideBarFor(role: Role, reportsShared: boolean) {
  return screensFor(role)
    .filter((s) => s.id !== 'reports' || role !== 'therapist' || reportsShared)
    .map((s, i) => ({ ...s, shortcut: String(i + 1) }))
}

export function routeFromHash(hash: string, role: Role): Route {
  const [id = '', section = null] = hash.replace(/^#\/?/, '').split('/')
  if (id === 'account') return { screen: 'account', section: null }
  const screen = screensFor(role).find((s) => s.id === id)?.id ?? 'diary'
  return { screen, section: screen === id ? section : null }
}
