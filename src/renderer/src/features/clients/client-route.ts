import { useEffect, useState } from 'react'

export type ClientRoute =
  { view: 'list' } | { view: 'new' } | { view: 'record'; id: number } | { view: 'edit'; id: number }

/** "#/clients", "#/clients/new", "#/clients/42", "#/clients/42/edit". */
export function clientRouteFrom(hash: string): ClientRoute {
  const [, sub, action] = hash.replace(/^#\/?/, '').split('/')
  if (sub === 'new') return { view: 'new' }
  const id = Number(sub)
  if (sub && Number.isInteger(id) && id > 0) {
    return action === 'edit' ? { view: 'edit', id } : { view: 'record', id }
  }
  return { view: 'list' }
}

export const clientHref = (id: number, edit = false) => `#/clients/${id}${edit ? '/edit' : ''}`

export function useClientRoute(): ClientRoute {
  const [route, setRoute] = useState(() => clientRouteFrom(window.location.hash))
  useEffect(() => {
    const onHash = () => setRoute(clientRouteFrom(window.location.hash))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  return route
}
