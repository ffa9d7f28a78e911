export const SCREENS = [
  { id: 'diary', label: 'Diary', shortcut: '1' },
  { id: 'clients', label: 'Clients', shortcut: '2' },
  { id: 'reports', label: 'Reports', shortcut: '3' },
  { id: 'settings', label: 'Settings', shortcut: '4' },
] as const

export type ScreenId = (typeof SCREENS)[number]['id']

export function screenFromHash(hash: string): ScreenId {
  // "#/clients/42" is the clients screen, showing record 42.
  const id = hash.replace(/^#\/?/, '').split('/')[0]
  return SCREENS.find((s) => s.id === id)?.id ?? 'diary'
}
