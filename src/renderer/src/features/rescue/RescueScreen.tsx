import { useState } from 'react'
import type { BackupInfo } from '../../../../shared/contract/backups'
import type { ClinicFileProblem } from '../../../../shared/contract/rescue'
import { RpcError } from '../../../../shared/rpc'
import { useRescueClinic, useRescueInfo } from '../../api/link'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { errorWords } from '../../components/rpc-form-errors'
import { AuthLayout } from '../auth/AuthLayout'
import { describeCounts, formatWhen, REASON_LABELS } from '../backups/format'

/**
 * At start, when the clinic file is missing (with backups beside it) or will not open
 * (issue 12): say so plainly, offer the newest backup that passed its checks, and let
 * someone start a new clinic only by typing that they mean it. Nothing is deleted: a
 * damaged file is renamed aside by main before a backup takes its place.
 */
export function RescueScreen() {
  const info = useRescueInfo()
  if (info.isPending) return <p className="muted boot">Starting Plinth…</p>
  if (!info.data) {
    return <ErrorBanner message={info.error ? errorWords(info.error) : 'Reload Plinth.'} />
  }
  return <RescueChoices problem={info.data} />
}

function RescueChoices({ problem }: { problem: ClinicFileProblem }) {
  const verified = problem.backups.filter((b) => b.verified)
  const [chosen, setChosen] = useState(verified[0]?.name ?? '')
  const backup = verified.find((b) => b.name === chosen) ?? null
  const missing = problem.kind === 'missing'
  return (
    <AuthLayout
      title={missing ? 'The clinic database is missing' : 'The clinic database will not open'}
      subtitle={
        missing
          ? 'Plinth did not find the clinic’s database, but backups of it are on this computer. Restore the newest one; starting an empty clinic instead would hide them.'
          : 'The clinic’s database is damaged (cut short, or its first bytes are wrong), so Plinth will not use it. Restore the newest backup: the damaged file is kept, renamed, never deleted.'
      }
    >
      <dl className="rescue-facts">
        <dt>Database</dt>
        <dd>
          <code>{problem.file}</code>
        </dd>
        {problem.detail && (
          <>
            <dt>What went wrong</dt>
            <dd>{problem.detail}</dd>
          </>
        )}
        <dt>Backups in</dt>
        <dd>
          <code>{problem.backupFolder}</code>
        </dd>
      </dl>
      {backup ? (
        <RestoreForm backups={verified} backup={backup} onChoose={setChosen} />
      ) : (
        <p className="banner banner-error" role="alert">
          No backup that passed its checks is in that folder. If a backup is on a USB stick or
          another drive, copy its <code>.sqlite</code> and <code>.json</code> files into the folder
          above and start Plinth again.
        </p>
      )}
      <StartNewForm hasBackups={backup !== null} />
    </AuthLayout>
  )
}

function backupLabel(b: BackupInfo): string {
  return `${formatWhen(b.createdAt)} · ${REASON_LABELS[b.reason]} · ${describeCounts(b.counts, b.attachments)}`
}

function RestoreForm({
  backups,
  backup,
  onChoose,
}: {
  backups: BackupInfo[]
  backup: BackupInfo
  onChoose: (name: string) => void
}) {
  const rescue = useRescueClinic()
  const [secret, setSecret] = useState('')
  const [secretError, setSecretError] = useState<string | undefined>()
  const [formError, setFormError] = useState<string | null>(null)

  async function submit() {
    setSecretError(undefined)
    setFormError(null)
    try {
      await rescue.mutateAsync({
        kind: 'restore',
        backup: backup.name,
        ...(secret ? { secret } : {}),
      })
    } catch (error) {
      const field =
        error instanceof RpcError
          ? error.fieldErrors.find((f) => f.path === 'secret')?.message
          : undefined
      if (field) setSecretError(field)
      else setFormError(errorWords(error))
    }
  }

  return (
    <form
      className="auth-form"
      aria-label="Restore a backup"
      onSubmit={(ev) => {
        ev.preventDefault()
        void submit()
      }}
      noValidate
    >
      <ErrorBanner message={formError} />
      <Field label="Backup to restore" hint="The newest backup that passed its checks comes first">
        <select value={backup.name} onChange={(ev) => onChoose(ev.target.value)}>
          {backups.map((b) => (
            <option key={b.name} value={b.name}>
              {backupLabel(b)}
            </option>
          ))}
        </select>
      </Field>
      {(backup.needsSecret || secretError) && (
        <Field
          label="Passphrase or recovery key"
          hint="The backup’s passphrase, or the recovery key printed when the clinic was set up"
          error={secretError}
        >
          <input
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(ev) => setSecret(ev.target.value)}
          />
        </Field>
      )}
      <button type="submit" className="button primary wide" disabled={rescue.isPending}>
        {rescue.isPending ? 'Restoring…' : 'Restore this backup'}
      </button>
    </form>
  )
}

function StartNewForm({ hasBackups }: { hasBackups: boolean }) {
  const rescue = useRescueClinic()
  const [confirm, setConfirm] = useState('')
  const [error, setError] = useState<string | undefined>()
  return (
    <details className="rescue-start-new" open={!hasBackups}>
      <summary>Start a new, empty clinic instead</summary>
      <form
        className="auth-form"
        aria-label="Start a new clinic"
        onSubmit={(ev) => {
          ev.preventDefault()
          setError(undefined)
          rescue
            .mutateAsync({ kind: 'startNew', confirm: confirm.trim() as 'START NEW' })
            .catch((e: unknown) => {
              const field =
                e instanceof RpcError
                  ? e.fieldErrors.find((f) => f.path === 'confirm')?.message
                  : undefined
              setError(field ?? errorWords(e))
            })
        }}
        noValidate
      >
        <p>
          The current database file, if any, is set aside (renamed, not deleted) and Plinth starts
          with no clients, staff or records. The backups stay where they are.
        </p>
        <Field label="Type START NEW to confirm" error={error}>
          <input
            type="text"
            autoComplete="off"
            value={confirm}
            onChange={(ev) => setConfirm(ev.target.value)}
          />
        </Field>
        <button type="submit" className="button danger wide" disabled={rescue.isPending}>
          Start a new clinic
        </button>
      </form>
    </details>
  )
}
