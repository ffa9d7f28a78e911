import { useEffect, useRef } from 'react'
import { api } from '../../api/client'
import { saveAllBeforeLock } from './before-lock'

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const
// Main counts only heartbeats as activity (see StaffConnection): well inside the shortest
// idle lock (1 minute), so someone working is never locked between two beats.
const HEARTBEAT_MS = 20_000
const CHECK_MS = 5_000

/**
 * Locks the screen after `minutes` without keyboard or pointer input, and tells main the
 * user is still working while they type (main locks a silent session on its own).
 */
export function useIdleLock(minutes: number, onLocked: () => void): void {
  const lastInput = useRef(0)
  const lastBeat = useRef(0)
  const locking = useRef(false)

  useEffect(() => {
    lastInput.current = Date.now()
    lastBeat.current = Date.now()
    const onActivity = () => {
      lastInput.current = Date.now()
      if (lastInput.current - lastBeat.current > HEARTBEAT_MS) {
        lastBeat.current = lastInput.current
        void api.call('auth.heartbeat', {}).catch(() => {})
      }
    }
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { passive: true })
    const timer = window.setInterval(() => {
      if (locking.current || Date.now() - lastInput.current < minutes * 60_000) return
      locking.current = true
      // Unsaved typing goes to main first: after the lock, main refuses it.
      void saveAllBeforeLock()
        .then(() => api.call('auth.lock', { reason: 'idle' }))
        .catch(() => {})
        .finally(() => {
          locking.current = false
          onLocked()
        })
    }, CHECK_MS)
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity)
      window.clearInterval(timer)
    }
  }, [minutes, onLocked])
}
