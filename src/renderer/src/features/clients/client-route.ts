import { useEffect, useState } from 'react'

export type ClientRoute =
  | { view: 'list' }
  | { view: 'new' }
  | { view: 'record'; id: number }
  | { view: 'edit'; id: number }
  | { view: 'merge'; id: number }
  | { view: 'note'; id: number; noteId: number }
  | { view: 'newNote'; id: number; appointmentId?: number }

/** "#/clients", "#/clients/new", "#/clients/42", "#/clients/42/edit", "#/clients/42/merge". */
export function clientRouteFrom(hash: string): ClientRoute {
  const [, sub, action, noteSub, appointment] = hash.replace(/^#\/?/, '').split('/')
  if (sub === 'new') return { view: 'new' }
  const id = Number(sub)
  if (sub && Number.isInteger(id) && id > 0) {
    if (action === 'edit') return { view: 'edit', id }
    if (action === 'merge') return { view: 'merge', id }
    if (action === 'notes' && noteSub === 'new') {
      const appointmentId = Number(appointment)
      return appointmentId > 0 ? { view: 'newNote', id, appointmentId } : { view: 'newNote', id }
    }
    if (action === 'notes' && Number(noteSub) > 0)
      return { view: 'note', id, noteId: Number(noteSub) }
    return { view: 'record', id }
  }
  return { view: 'list' }
}

export const clientHref = (id: number, action: '' | 'edit' | 'merge' = '') =>
  `#/clients/${id}${action ? `/${action}` : ''}`

export function useClientRoute(): ClientRoute {
  const [route, setRoute] = useState(() => clientRouteFrom(window.location.hash))
  useEffect(() => {
    const onHash = () => setRoute(clientRouteFrom(window.location.hash))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  return route
}
