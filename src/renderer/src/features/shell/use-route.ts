import { useCallback, useEffect, useState } from 'react'
import type { Role } from '../../../../shared/roles'
import { routeFromHash, type Route } from './routes'
import { holdNavigation, unsavedWork } from './unsaved-guard'

/**
 * The current screen lives in the URL hash, so a reload keeps the user where they were. A
 * move away from a form with unsaved typing is held (the address put back) until the person
 * answers "Leave without saving?" (unsaved-guard.ts).
 */
export function useRoute(role: Role): [Route, (path: string) => void] {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash, role))
  useEffect(() => {
    let shown = window.location.hash
    const onHash = () => {
      const next = window.location.hash
      if (next !== shown && unsavedWork() !== null) {
        // replaceState changes the address without another hashchange.
        history.replaceState(history.state, '', shown || '#')
        holdNavigation(next)
        return
      }
      shown = next
      setRoute(routeFromHash(next, role))
    }
    onHash()
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [role])
  const go = useCallback((path: string) => {
    window.location.hash = `#/${path}`
  }, [])
  return [route, go]
}
