import type { Role } from '../../../../shared/roles'

// Alt+n opens the screens in the side bar's order (the owner's full list; a user trial
// pressed Alt+3 for Money, the third entry, and got Reports).
export const SCREENS = [
  { id: 'diary', label: 'Diary', shortcut: '1', roles: ['owner', 'reception', 'therapist'] },
  { id: 'clients', label: 'Clients', shortcut: '2', roles: ['owner', 'reception', 'therapist'] },
  { id: 'money', label: 'Money', shortcut: '3', roles: ['owner', 'reception'] },
  { id: 'messages', label: 'Messages', shortcut: '4', roles: ['owner', 'reception'] },
  // A therapist's entry shows only once the owner shares their own figures (Shell asks
  // reports.access); opened by address before then, the screen says why it is empty.
  { id: 'reports', label: 'Reports', shortcut: '5', roles: ['owner', 'therapist'] },
  { id: 'audit', label: 'Audit log', shortcut: '6', roles: ['owner'] },
  { id: 'settings', label: 'Settings', shortcut: '7', roles: ['owner'] },
] as const satisfies readonly {
  id: string
  label: string
  shortcut: string
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

export function routeFromHash(hash: string, role: Role): Route {
  const [id = '', section = null] = hash.replace(/^#\/?/, '').split('/')
  if (id === 'account') return { screen: 'account', section: null }
  const screen = screensFor(role).find((s) => s.id === id)?.id ?? 'diary'
  return { screen, section: screen === id ? section : null }
}
