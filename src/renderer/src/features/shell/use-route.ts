import { useCallback, useEffect, useState } from 'react'
import type { Role } from '../../../../shared/roles'
import { routeFromHash, type Route } from './routes'

/** The current screen lives in the URL hash, so a reload keeps the user where they were. */
export function useRoute(role: Role): [Route, (path: string) => void] {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash, role))
  useEffect(() => {
    const onHash = () => setRoute(routeFromHash(window.location.hash, role))
    onHash()
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [role])
  const go = useCallback((path: string) => {
    window.location.hash = `#/${path}`
  }, [])
  return [route, go]
}
