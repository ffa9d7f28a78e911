import { useCallback, useEffect, useState } from 'react'
import { screenFromHash, type ScreenId } from './routes'

/** The current screen lives in the URL hash, so a reload keeps the user where they were. */
export function useScreen(): [ScreenId, (id: ScreenId) => void] {
  const [screen, setScreen] = useState<ScreenId>(() => screenFromHash(window.location.hash))
  useEffect(() => {
    const onHash = () => setScreen(screenFromHash(window.location.hash))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  const go = useCallback((id: ScreenId) => {
    window.location.hash = `#/${id}`
  }, [])
  return [screen, go]
}
