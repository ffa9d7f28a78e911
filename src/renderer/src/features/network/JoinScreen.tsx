import { useState } from 'react'
import type { ProbedHost } from '../../../../shared/contract/link'
import { useChooseClinic, useDiscoveredHosts, useProbeHost } from '../../api/link'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { AuthLayout } from '../auth/AuthLayout'
import { fieldErrorOf } from './PairedDesksCard'

/**
 * First start on a computer with no clinic (issue 15): keep a new clinic here, or join the
 * one another computer hosts. Joining: find the host (mDNS, or its typed address), compare
 * its fingerprint with the host's screen, type the pairing code.
 */
export function JoinScreen() {
  const [step, setStep] = useState<'choose' | 'find'>('choose')
  const [host, setHost] = useState<ProbedHost | null>(null)
  const choose = useChooseClinic()

  if (host) return <ConfirmHost host={host} onBack={() => setHost(null)} />
  if (step === 'find') return <FindHost onFound={setHost} onBack={() => setStep('choose')} />
  return (
    <AuthLayout title="Welcome to Plinth" subtitle="Is this the clinic’s first computer?">
      <ErrorBanner message={choose.error?.message} />
      <div className="stack">
        <button type="button" className="button primary wide" onClick={() => setStep('find')}>
          Join a clinic on this network
        </button>
        <p className="muted">
          Another computer here already runs Plinth and shares the clinic: this one becomes a desk
          of it, and keeps no records of its own.
        </p>
        <button
          type="button"
          className="button secondary wide"
          disabled={choose.isPending}
          onClick={() => choose.mutate('host')}
        >
          Set up a new clinic on this computer
        </button>
      </div>
    </AuthLayout>
  )
}

function FindHost({ onFound, onBack }: { onFound(host: ProbedHost): void; onBack(): void }) {
  const found = useDiscoveredHosts(true)
  const probe = useProbeHost()
  const [address, setAddress] = useState('')
  const lookUp = (value: string) => probe.mutate(value, { onSuccess: onFound })
  const addressError = fieldErrorOf(probe.error, 'address')

  return (
    <AuthLayout title="Join a clinic" subtitle="Choose the computer that hosts the clinic.">
      <ErrorBanner message={addressError ? null : probe.error?.message} />
      {found.isPending && <p className="muted">Looking for clinics on this network…</p>}
      {found.data?.length === 0 && (
        <p className="muted">No clinic found by itself. Type the host’s address below.</p>
      )}
      {found.data && found.data.length > 0 && (
        <ul className="found-hosts">
          {found.data.map((h) => (
            <li key={h.url}>
              <button
                type="button"
                className="button secondary wide"
                disabled={probe.isPending}
                onClick={() => lookUp(h.url)}
              >
                {h.name} <span className="muted">{h.url}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          lookUp(address)
        }}
      >
        <Field
          label="Host address"
          hint="Shown on the host in Settings → Network, e.g. 192.168.1.20:47150"
          error={addressError}
        >
          <input type="text" value={address} onChange={(e) => setAddress(e.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onBack}>
            Back
          </button>
          <button type="submit" className="button primary" disabled={probe.isPending}>
            Look up
          </button>
        </div>
      </form>
    </AuthLayout>
  )
}

function ConfirmHost({ host, onBack }: { host: ProbedHost; onBack(): void }) {
  const choose = useChooseClinic()
  const [code, setCode] = useState('')
  const [deskName, setDeskName] = useState('')
  const codeError = fieldErrorOf(choose.error, 'code')
  const nameError = fieldErrorOf(choose.error, 'deskName')
  return (
    <AuthLayout title={`Join ${host.clinicName}`} subtitle={host.url}>
      <div className="fingerprint-check">
        <p>
          <strong>Check the fingerprint.</strong> On the host, open Settings → Network: it must show
          exactly this. If it does not, stop and ask the clinic owner.
        </p>
        <code className="fingerprint" data-testid="join-fingerprint">
          {host.fingerprint}
        </code>
      </div>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          choose.mutate({ url: host.url, code, deskName })
        }}
      >
        <ErrorBanner message={codeError || nameError ? null : choose.error?.message} />
        <Field label="Pairing code" hint="8 characters, shown on the host" error={codeError}>
          <input
            type="text"
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </Field>
        <Field
          label="This computer’s name"
          hint="How the owner will see it, e.g. Treatment room 2"
          error={nameError}
        >
          <input type="text" value={deskName} onChange={(e) => setDeskName(e.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onBack}>
            Back
          </button>
          <button type="submit" className="button primary" disabled={choose.isPending}>
            The fingerprints match: join
          </button>
        </div>
      </form>
    </AuthLayout>
  )
}
