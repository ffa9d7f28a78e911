import { useState } from 'react'
import { formatInstant } from '../../clinic-time'
import type { NetworkStatus } from '../../../../shared/contract/network'
import { useNetworkStatus, useNewPairingCode, useShareClinic } from '../../api/network'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { Icon } from '../../components/Icon'
import { fieldErrorOf, PairedDesksCard } from './PairedDesksCard'

/**
 * Settings → Network (issue 15): share this clinic with the other computers in the clinic.
 * While sharing is off nothing listens; when on, the owner sees a pairing code and the
 * certificate fingerprint to compare on each desk.
 */
export function NetworkSection() {
  const status = useNetworkStatus()
  return (
    <div className="stack">
      <section className="card" aria-labelledby="network-title">
        <div className="card-head">
          <h2 id="network-title">Share this clinic on the network</h2>
        </div>
        <p className="muted">
          Other computers in the clinic (a treatment room, the owner’s laptop) can join this one.
          This computer keeps the clinic’s records, backups and rules; the others only send their
          work here, over an encrypted link, and keep no records of their own.
        </p>
        {status.isPending && <p className="muted">Loading…</p>}
        <ErrorBanner message={status.error?.message} />
        {status.data && <ShareForm status={status.data} />}
      </section>
      {status.data?.sharing && <PairedDesksCard />}
    </div>
  )
}

function ShareForm({ status }: { status: NetworkStatus }) {
  const share = useShareClinic()
  const newCode = useNewPairingCode()
  const [port, setPort] = useState(String(status.port))
  const fieldError = fieldErrorOf(share.error, 'port')

  return (
    <div className="network-share">
      <ErrorBanner message={fieldError ? null : (share.error?.message ?? newCode.error?.message)} />
      <div className="form-grid">
        <Field label="Port" hint="Leave as it is unless another program uses it" error={fieldError}>
          <input
            type="text"
            inputMode="numeric"
            value={port}
            disabled={status.sharing}
            onChange={(e) => setPort(e.target.value)}
          />
        </Field>
      </div>
      <div className="form-actions">
        {status.sharing ? (
          <button
            type="button"
            className="button secondary"
            disabled={share.isPending}
            onClick={() => share.mutate({ sharing: false })}
          >
            Stop sharing
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled={share.isPending}
            onClick={() => share.mutate({ sharing: true, port: Number(port) })}
          >
            Share this clinic on the network
          </button>
        )}
      </div>
      {status.sharing && (
        <>
          {status.problem && (
            <div className="banner banner-error" role="alert">
              <Icon name="alert" /> {status.problem}
            </div>
          )}
          {!status.listening && !status.problem && <p className="muted">Starting…</p>}
          {status.listening && (
            <dl className="network-facts">
              <dt>Pairing code</dt>
              <dd>
                {status.pairing ? (
                  <>
                    <code className="pairing-code" data-testid="pairing-code">
                      {status.pairing.code}
                    </code>{' '}
                    <span className="muted">
                      works until {formatInstant(status.pairing.expiresAt, 'HH:mm')}, for one
                      computer
                    </span>
                  </>
                ) : (
                  <span className="muted">None on show.</span>
                )}{' '}
                <button
                  type="button"
                  className="button small secondary"
                  disabled={newCode.isPending}
                  onClick={() => newCode.mutate(undefined)}
                >
                  Show a new code
                </button>
              </dd>
              <dt>Fingerprint</dt>
              <dd>
                <code className="fingerprint" data-testid="fingerprint">
                  {status.fingerprint}
                </code>
                <p className="field-hint">
                  A joining computer shows this too: check that the two match before you go on.
                </p>
              </dd>
              <dt>Address</dt>
              <dd>
                {status.addresses.length > 0 ? status.addresses.join(', ') : 'No network found'}
                <p className="field-hint">
                  Joining computers find this one by itself; type the address if they do not. The
                  first time, Windows or macOS may ask whether Plinth may accept connections: allow
                  it on private (clinic) networks only.
                </p>
              </dd>
            </dl>
          )}
        </>
      )}
    </div>
  )
}
