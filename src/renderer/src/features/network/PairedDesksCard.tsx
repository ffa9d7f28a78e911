import { useState } from 'react'
import { formatInstant } from '../../clinic-time'
import type { PairedDesk } from '../../../../shared/contract/network'
import { RpcError } from '../../../../shared/rpc'
import { usePairedDesks, useRenameDesk, useRevokeDesk } from '../../api/network'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { FormActions } from '../../components/FormActions'

/** The message for one field of a failed call, if the host named that field. */
export function fieldErrorOf(error: Error | null, path: string): string | undefined {
  return error instanceof RpcError
    ? error.fieldErrors.find((f) => f.path === path)?.message
    : undefined
}

/** The computers paired with this clinic: name, last seen, address; rename or revoke. */
export function PairedDesksCard() {
  const desks = usePairedDesks()
  const revoke = useRevokeDesk()
  const [renaming, setRenaming] = useState<PairedDesk | null>(null)
  const [revoking, setRevoking] = useState<PairedDesk | null>(null)

  return (
    <section className="card" aria-labelledby="desks-title">
      <div className="card-head">
        <h2 id="desks-title">Paired computers</h2>
      </div>
      <ErrorBanner message={desks.error?.message ?? revoke.error?.message} />
      {desks.data?.length === 0 && (
        <p className="muted">No computer has joined yet. Enter the pairing code on one.</p>
      )}
      {desks.data && desks.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Last seen</th>
              <th scope="col">Address</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {desks.data.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>
                  {d.lastSeenAt ? formatInstant(d.lastSeenAt, 'd MMM yyyy, HH:mm') : 'Not yet'}
                </td>
                <td>{d.lastAddress ?? '—'}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="button small secondary"
                    aria-label={`Rename ${d.name}`}
                    onClick={() => setRenaming(d)}
                  >
                    Rename
                  </button>{' '}
                  <button
                    type="button"
                    className="button small danger"
                    aria-label={`Revoke ${d.name}`}
                    onClick={() => setRevoking(d)}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {renaming && <RenameDesk desk={renaming} onDone={() => setRenaming(null)} />}
      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          confirmLabel="Revoke"
          cancelLabel="Keep it paired"
          danger
          busy={revoke.isPending}
          onCancel={() => setRevoking(null)}
          onConfirm={() => revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) })}
        >
          <p>
            {revoking.name} stops working with this clinic at once. To use it again, pair it with a
            new code.
          </p>
        </ConfirmDialog>
      )}
    </section>
  )
}

function RenameDesk({ desk, onDone }: { desk: PairedDesk; onDone(): void }) {
  const rename = useRenameDesk()
  const [name, setName] = useState(desk.name)
  const error = fieldErrorOf(rename.error, 'name')
  return (
    <form
      className="form"
      aria-label={`Rename ${desk.name}`}
      onSubmit={(e) => {
        e.preventDefault()
        rename.mutate({ id: desk.id, name }, { onSuccess: onDone })
      }}
    >
      <ErrorBanner message={error ? null : rename.error?.message} />
      <Field label="New name" error={error}>
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <FormActions onLeave={onDone} submit="Save name" busy={rename.isPending} />
    </form>
  )
}
