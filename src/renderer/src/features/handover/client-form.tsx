import { useRef, useState, type FormEvent, type ReactNode } from 'react'

/** What each client form is given by the handover screen. */
export interface ClientFormProps {
  draft: string | null
  /** Sends the answers; resolves to field errors (keyed like the form's) or null when sent. */
  send(measure: unknown): Promise<Record<string, string> | null>
}

/**
 * A client form's frame: the questions, then one big Send button. Errors found here or by
 * main are shown beside their questions, and the first one takes the focus.
 */
export function useClientSubmit(
  check: () => Record<string, string>,
  build: () => unknown,
  send: ClientFormProps['send'],
) {
  const form = useRef<HTMLFormElement>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  // Main's refusals stay until the next Send; only the form's own checks are re-run.
  const [refusals, setRefusals] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)
  const focusFirstError = () =>
    requestAnimationFrame(() => {
      const first = form.current?.querySelector<HTMLInputElement>(
        '.has-error input, .has-error textarea',
      )
      first?.focus()
    })
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const found = check()
    setErrors(found)
    setRefusals({})
    if (Object.keys(found).length > 0) return focusFirstError()
    setSending(true)
    const refused = await send(build())
    setSending(false)
    if (refused) {
      setRefusals(refused)
      focusFirstError()
    }
  }
  // An answer put right loses its error at once (a client was left looking at "Please write
  // at least one activity" after writing one); new errors still wait for Send.
  const still = Object.keys(errors).length > 0 ? check() : {}
  const shown = {
    ...Object.fromEntries(Object.entries(errors).filter(([k]) => k in still)),
    ...refusals,
  }
  const submit = (e: FormEvent) => void onSubmit(e)
  return {
    errors: shown,
    /** ClientFormFrame's props, spread: `<ClientFormFrame {...frame}>`. */
    frame: { formRef: form, onSubmit: submit, sending, errorCount: Object.keys(shown).length },
  }
}

export function ClientFormFrame({
  formRef,
  onSubmit,
  sending,
  errorCount,
  children,
}: {
  formRef: React.RefObject<HTMLFormElement | null>
  onSubmit(e: FormEvent): void
  sending: boolean
  errorCount: number
  children: ReactNode
}) {
  return (
    <form ref={formRef} className="client-form" onSubmit={onSubmit} noValidate>
      {children}
      {errorCount > 0 && (
        <p className="banner banner-error" role="alert">
          {errorCount === 1
            ? 'One answer needs looking at (marked above).'
            : `${errorCount} answers need looking at (marked above).`}
        </p>
      )}
      <button type="submit" className="button primary client-send" disabled={sending}>
        {sending ? 'Sending…' : 'Send my answers'}
      </button>
    </form>
  )
}

export const CHOOSE = 'Please choose an answer'
