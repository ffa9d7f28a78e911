import { useState } from 'react'
import {
  useConfirmRecoveryKey,
  useRecoveryKeyState,
  useShowRecoveryKey,
} from '../../api/encryption'
import { Field } from '../../components/Field'
import { ErrorBanner } from '../../components/ErrorBanner'
import { errorWords } from '../../components/rpc-form-errors'
import { RecoveryKeyView, type ShownRecoveryKey } from './RecoveryKeyView'

/**
 * Settings → Security: the owner prints the recovery key again, after re-entering their
 * password (checked in main, audited; the key is never logged).
 */
export function RecoveryKeySection() {
  const show = useShowRecoveryKey()
  const [password, setPassword] = useState('')
  const [fieldError, setFieldError] = useState<string | undefined>()
  const [formError, setFormError] = useState<string | null>(null)
  const [shown, setShown] = useState<ShownRecoveryKey | null>(null)
  const [unencrypted, setUnencrypted] = useState(false)
  const [kept, setKept] = useState(false)
  const state = useRecoveryKeyState(true)
  const confirm = useConfirmRecoveryKey()

  async function submit() {
    setFieldError(undefined)
    setFormError(null)
    if (password === '') {
      setFieldError('Enter your password')
      return
    }
    try {
      const outcome = await show.mutateAsync(password)
      if (outcome.status === 'failed') setFieldError(outcome.message)
      else if (outcome.status === 'not-encrypted') setUnencrypted(true)
      else setShown(outcome)
      setPassword('')
    } catch (error) {
      setFormError(errorWords(error))
    }
  }

  return (
    <section className="card form" aria-labelledby="recovery-title">
      <div className="card-head">
        <h2 id="recovery-title">Recovery key</h2>
      </div>
      <p className="muted">
        The clinic’s records are encrypted on this computer. Its keystore unlocks them; the printed
        recovery key unlocks them if the keystore is ever lost.
      </p>
      {shown ? (
        <>
          <RecoveryKeyView shown={shown} />
          {state.data?.unconfirmed ? (
            <div className="stack">
              <div className="checkbox-field">
                <label>
                  <input
                    type="checkbox"
                    checked={kept}
                    onChange={(e) => setKept(e.target.checked)}
                  />
                  I have printed it (or written it down) and will keep it safe
                </label>
              </div>
              <ErrorBanner message={confirm.error ? errorWords(confirm.error) : null} />
              <button
                type="button"
                className="button primary"
                disabled={!kept || confirm.isPending}
                onClick={() => confirm.mutate()}
              >
                Done
              </button>
            </div>
          ) : (
            state.data && <p className="muted">Confirmed as printed and kept safe.</p>
          )}
        </>
      ) : unencrypted ? (
        <p>This clinic file is not encrypted, so it has no recovery key.</p>
      ) : (
        <form
          onSubmit={(ev) => {
            ev.preventDefault()
            void submit()
          }}
          noValidate
        >
          <ErrorBanner message={formError} />
          <Field label="Your password" hint="To show the recovery key again" error={fieldError}>
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(ev) => setPassword(ev.target.value)}
            />
          </Field>
          <button type="submit" className="button secondary" disabled={show.isPending}>
            Show and print the recovery key
          </button>
        </form>
      )}
    </section>
  )
}
