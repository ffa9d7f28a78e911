import { useEffect, useRef, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { BackupInfo } from '../../../../shared/contract/backups'
import { RpcError } from '../../../../shared/rpc'
import { useBackupJob, useStartRestore } from '../../api/backups'
import { Field } from '../../components/Field'
import { Icon } from '../../components/Icon'
import { describeCounts, formatWhen } from './format'

/**
 * Confirm, then follow: restoring replaces everything since the backup, so the owner
 * confirms in a modal that says so, and watches the progress until the new data is in.
 */
export function RestoreDialog({ backup, onClose }: { backup: BackupInfo; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const queryClient = useQueryClient()
  const start = useStartRestore()
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useBackupJob(jobId)
  const [passphrase, setPassphrase] = useState('')
  const [error, setError] = useState<{ field?: string; form?: string } | null>(null)

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  const state = job.data?.state
  useEffect(() => {
    // The whole database changed: every screen's data is stale.
    if (state === 'done') void queryClient.invalidateQueries()
  }, [state, queryClient])

  const running = start.isPending || state === 'running'
  const when = formatWhen(backup.createdAt)

  async function confirm() {
    setError(null)
    try {
      const started = await start.mutateAsync({
        name: backup.name,
        ...(passphrase ? { passphrase } : {}),
      })
      setJobId(started.id)
    } catch (e) {
      if (e instanceof RpcError) {
        const field = e.fieldErrors.find((f) => f.path === 'passphrase')?.message
        setError(field ? { field } : { form: e.message })
      } else setError({ form: 'The restore could not be started.' })
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="restore-title"
      onCancel={(event) => {
        if (running) event.preventDefault()
        else onClose()
      }}
    >
      <h2 id="restore-title">Restore the backup of {when}?</h2>
      {!jobId && (
        <>
          <p>
            The clinic’s data will be put back as it was on <strong>{when}</strong> (
            {describeCounts(backup.counts, backup.attachments)}). Anything entered since then will
            no longer be in Plinth.
          </p>
          <p className="muted">
            Plinth first saves the data as it is now as another backup, so this can be undone.
          </p>
          {(backup.needsSecret || error?.field) && (
            <Field
              label="Passphrase or recovery key"
              hint="The passphrase this backup was made with or, for a backup made by another clinic file or computer, the recovery key printed for it"
              error={error?.field}
            >
              <input
                type="password"
                autoComplete="off"
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
              />
            </Field>
          )}
          {error?.form && (
            <div className="banner banner-error" role="alert">
              <Icon name="alert" /> {error.form}
            </div>
          )}
          <div className="form-actions">
            <button type="button" className="button secondary" onClick={onClose} disabled={running}>
              Cancel
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => void confirm()}
              disabled={running}
            >
              Restore this backup
            </button>
          </div>
        </>
      )}
      {jobId && job.data && (
        <>
          <div className="progress-row">
            <progress
              max={100}
              value={job.data.percent}
              aria-label="Restore progress"
              aria-valuetext={`${Math.round(job.data.percent)}%: ${job.data.stage}`}
            />
            <span className="progress-stage" role="status" aria-live="polite">
              {job.data.state === 'running' ? `${job.data.stage}…` : ''}
            </span>
          </div>
          {job.data.state === 'done' && (
            <div className="banner banner-success" role="status">
              <Icon name="check" /> Restored the backup of {when}. {job.data.message}
            </div>
          )}
          {job.data.state === 'failed' && (
            <div className="banner banner-error" role="alert">
              <Icon name="alert" /> The restore did not happen: {job.data.message}
            </div>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="button primary"
              disabled={running}
              onClick={() => {
                // Forms hold what they loaded: start every screen afresh on the restored data.
                if (job.data?.state === 'done') window.location.reload()
                else onClose()
              }}
            >
              Close
            </button>
          </div>
        </>
      )}
    </dialog>
  )
}
