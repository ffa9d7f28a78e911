import { useRef, useState } from 'react'
import { api } from '../../api/client'
import { LANDING_HASH, useApplyAuthStatus } from '../../api/auth'
import { HANDOVER_RETURN_KEY } from '../../api/handover'
import { Field } from '../../components/Field'
import { errorWords } from '../../components/rpc-form-errors'

/**
 * Staff take the screen back: the password of whoever handed it over, checked by main (a
 * wrong one counts towards the lockout like a failed sign-in).
 */
export function TakeBack() {
  const apply = useApplyAuthStatus()
  const [open, setOpen] = useState(false)
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  if (!open) {
    return (
      <button type="button" className="button link take-back" onClick={() => setOpen(true)}>
        Staff: take the tablet back
      </button>
    )
  }
  const submit = async () => {
    if (!password) return setError('Enter your password')
    setBusy(true)
    const outcome = await api.call('handover.end', { password }).catch((e: unknown) => {
      setError(errorWords(e))
      return null
    })
    setBusy(false)
    setPassword('')
    if (!outcome) return
    if (outcome.status === 'signed-in') {
      // Back to the screen the form was handed over from, not to anything typed meanwhile.
      const back = sessionStorage.getItem(HANDOVER_RETURN_KEY) ?? LANDING_HASH
      sessionStorage.removeItem(HANDOVER_RETURN_KEY)
      window.history.replaceState(null, '', back.startsWith('#/') ? back : LANDING_HASH)
      return apply(outcome.auth, { keepScreen: true })
    }
    setError(outcome.message)
    input.current?.focus()
    // Locked out: main has signed the account out; the sign-in screen follows.
    if (outcome.status === 'locked') apply(await api.call('auth.status', {}))
  }
  return (
    <form
      className="take-back-form"
      aria-label="Take the tablet back"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
      noValidate
    >
      <Field label="Staff password" error={error}>
        <input
          type="password"
          autoComplete="current-password"
          autoFocus
          ref={input}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Take the tablet back
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setOpen(false)
            setError(undefined)
            setPassword('')
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  )
}
