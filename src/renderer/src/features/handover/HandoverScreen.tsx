import './handover.css'
import { useEffect, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { RpcError } from '../../../../shared/rpc'
import { api } from '../../api/client'
import { handoverFormKey, useHandoverForm } from '../../api/handover'
import { errorWords } from '../../components/rpc-form-errors'
import { ClientLefs } from './ClientLefs'
import { ClientPsfs } from './ClientPsfs'
import { ClientVisaA } from './ClientVisaA'
import { TakeBack } from './TakeBack'
import { errorsOfRefusal } from './use-client-draft'

const TITLES = {
  psfs: 'Activities you find hard',
  lefs: 'Everyday activities and your leg',
  visa_a: 'Your Achilles tendon',
} as const

/**
 * The client-facing screen (issue 18): only the form handed over, large and plain, then a
 * thank-you. No side bar, no routes: the app's shell is not mounted (AuthGate), and main
 * refuses everything else this screen could ask (rpc/handover-gate.ts).
 */
export function HandoverScreen() {
  const form = useHandoverForm()
  const queryClient = useQueryClient()
  const [failure, setFailure] = useState<string | null>(null)
  useEffect(() => {
    document.title = 'Your form · Plinth'
  }, [])

  const send = async (measure: unknown) => {
    setFailure(null)
    try {
      await api.call('handover.submit', { measure } as never)
      await queryClient.invalidateQueries({ queryKey: handoverFormKey })
      return null
    } catch (e) {
      const fields = errorsOfRefusal(e)
      if (Object.keys(fields).length > 0) return fields
      setFailure(errorWords(e))
      if (e instanceof RpcError && e.code === 'conflict') {
        await queryClient.invalidateQueries({ queryKey: handoverFormKey })
      }
      return {}
    }
  }

  const f = form.data
  return (
    <div className="handover-screen">
      <main className="handover-main" id="main">
        {form.isPending && <p className="muted">Loading your form…</p>}
        {form.isError && (
          <p className="banner banner-error" role="alert">
            {errorWords(form.error)}
          </p>
        )}
        {f?.state === 'open' && (
          <>
            <h1>
              {f.firstName ? `Hello ${f.firstName}` : 'Hello'} — {TITLES[f.kind]}
            </h1>
            {failure && (
              <p className="banner banner-error" role="alert">
                {failure}
              </p>
            )}
            {f.kind === 'psfs' && (
              <ClientPsfs draft={f.draft} send={send} activities={f.activities} />
            )}
            {f.kind === 'lefs' && <ClientLefs draft={f.draft} send={send} />}
            {f.kind === 'visa_a' && <ClientVisaA draft={f.draft} send={send} />}
          </>
        )}
        {f?.state === 'submitted' && (
          <section className="handover-done" aria-labelledby="done-title">
            <h1 id="done-title" tabIndex={-1} ref={(el) => el?.focus()}>
              Thank you — please hand the tablet back
            </h1>
            <p>Your answers have been saved for your therapist.</p>
          </section>
        )}
        {f?.state === 'expired' && (
          <section className="handover-done" aria-labelledby="expired-title">
            <h1 id="expired-title">The time for this form has run out</h1>
            <p>Please hand the tablet back to the clinic.</p>
          </section>
        )}
      </main>
      <footer className="handover-foot">
        <TakeBack />
      </footer>
    </div>
  )
}
