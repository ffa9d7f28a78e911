import { useEffect, useRef, useState } from 'react'
import { api } from '../../api/client'

/**
 * The client's answers as they type them, kept in main (handover.saveDraft) a moment after
 * each change and when the page is hidden or closed, so a reload within the handover finds
 * them again. `parse` turns a saved draft back into answers (null when it is not one).
 */
export function useClientDraft<S>(
  saved: string | null,
  blank: () => S,
  parse: (raw: unknown) => S | null,
) {
  const [answers, setAnswers] = useState<S>(() => {
    if (saved) {
      try {
        return parse(JSON.parse(saved)) ?? blank()
      } catch {
        return blank()
      }
    }
    return blank()
  })
  const pending = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const flush = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    const draft = pending.current
    pending.current = null
    // A refusal (the time ran out) is shown by the form's own re-read; typing stays on screen.
    if (draft !== null) void api.call('handover.saveDraft', { draft }).catch(() => undefined)
  }

  useEffect(() => {
    const onHide = () => flush()
    window.addEventListener('pagehide', onHide)
    document.addEventListener('visibilitychange', onHide)
    return () => {
      window.removeEventListener('pagehide', onHide)
      document.removeEventListener('visibilitychange', onHide)
      flush()
    }
  }, [])

  const change = (next: S) => {
    setAnswers(next)
    pending.current = JSON.stringify(next)
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(flush, 300)
  }
  return { answers, change, flush }
}

/** Server field errors ("measure.answers.3") keyed as the form keys them ("answers.3"). */
export function errorsOfRefusal(error: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  const fieldErrors = (error as { fieldErrors?: { path: string; message: string }[] })?.fieldErrors
  for (const f of fieldErrors ?? []) out[f.path.replace(/^measure\./, '')] ??= f.message
  return out
}
