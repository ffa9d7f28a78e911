import { useCallback, useEffect, useRef, useState } from 'react'
import { RpcError } from '../../../../shared/rpc'
import { useLinkStatus } from '../../api/push'
import { saveBeforeLock } from '../auth/before-lock'

/** kept: the desk's host is away; the desk keeps the typing and saves it when it is back. */
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed' | 'kept'

/**
 * Saves a draft a moment after the last change, straight away when the window is hidden
 * or closed, and when the editor goes away. Saves never overlap: a change made while one
 * is in flight is saved right after it.
 */
export function useAutosave<T>(
  save: (value: T) => Promise<unknown>,
  delayMs = 800,
): {
  state: SaveState
  error: string | null
  /** The last save was refused because the record changed elsewhere (main's 'conflict'). */
  conflict: boolean
  /** Main's field errors from the last refused save. */
  fieldErrors: readonly { path: string; message: string }[]
  changed(value: T): void
  /** Saves now; true when nothing is left unsaved. */
  flush(): Promise<boolean>
  /** Drops what is not yet saved (the draft is being discarded) once any save in flight lands. */
  drop(): Promise<void>
} {
  const [state, setState] = useState<SaveState>('saved')
  const [failure, setFailure] = useState<unknown>(null)
  const error =
    failure === null ? null : failure instanceof Error ? failure.message : String(failure)
  const pending = useRef<{ value: T } | null>(null)
  const inFlight = useRef<Promise<void> | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const saveRef = useRef(save)
  useEffect(() => {
    saveRef.current = save
  })

  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (inFlight.current) await inFlight.current
    const next = pending.current
    if (!next) return true
    pending.current = null
    setState('saving')
    inFlight.current = saveRef
      .current(next.value)
      .then(() => {
        setFailure(null)
        setState(pending.current ? 'unsaved' : 'saved')
      })
      .catch((e: unknown) => {
        // Keep the value: the next change or flush tries again with the newest text.
        pending.current ??= next
        setFailure(e)
        setState(e instanceof RpcError && e.code === 'kept_on_desk' ? 'kept' : 'failed')
      })
      .finally(() => {
        inFlight.current = null
      })
    await inFlight.current
    return pending.current === null
  }, [])

  const changed = useCallback(
    (value: T) => {
      pending.current = { value }
      setState('unsaved')
      if (timer.current) clearTimeout(timer.current)
      timer.current = setTimeout(() => void flush(), delayMs)
    },
    [delayMs, flush],
  )

  const drop = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    pending.current = null
    if (inFlight.current) await inFlight.current
    pending.current = null
  }, [])

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush()
    }
    const onUnload = (e: BeforeUnloadEvent) => {
      if (!pending.current && !inFlight.current) return
      void flush()
      // The save is sent now; asking to stay gives it time to land.
      e.preventDefault()
    }
    document.addEventListener('visibilitychange', onHide)
    window.addEventListener('beforeunload', onUnload)
    window.addEventListener('pagehide', onHide)
    const unregister = saveBeforeLock(flush)
    return () => {
      unregister()
      document.removeEventListener('visibilitychange', onHide)
      window.removeEventListener('beforeunload', onUnload)
      window.removeEventListener('pagehide', onHide)
      void flush()
    }
  }, [flush])

  // The host is back: what is still unsaved here goes now (the desk sent what it kept first,
  // so this is answered, not saved twice).
  const link = useLinkStatus().state
  useEffect(() => {
    if (link === 'connected' && pending.current) void flush()
  }, [link, flush])

  const conflict = failure instanceof RpcError && failure.code === 'conflict'
  const fieldErrors = failure instanceof RpcError ? failure.fieldErrors : []
  return { state, error, conflict, fieldErrors, changed, flush, drop }
}
