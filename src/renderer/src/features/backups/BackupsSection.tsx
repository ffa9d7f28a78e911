import { useEffect, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { BackupInfo } from '../../../../shared/contract/backups'
import { RpcError } from '../../../../shared/rpc'
import { useBackupJob, useBackups, useDatabaseHealth, useStartBackup } from '../../api/backups'
import { Icon } from '../../components/Icon'
import { BackupSettingsForm } from './BackupSettingsForm'
import { describeCounts, formatBytes, formatWhen, REASON_LABELS } from './format'
import { RestoreDialog } from './RestoreDialog'
import { errorWords } from '../../components/rpc-form-errors'

/** Settings → Backups: the owner's list of backups, "back up now", restore and settings. */
export function BackupsSection() {
  const backups = useBackups()
  const health = useDatabaseHealth()
  const lastBackup = health.data?.lastBackup
  // Only the owner may see backups; for anyone else the section is simply not there.
  if (backups.error instanceof RpcError && backups.error.code === 'forbidden') return null
  return (
    <section className="card section" aria-labelledby="backups-title">
      <div className="card-head">
        <h2 id="backups-title">Backups</h2>
        <BackUpNow />
      </div>
      {lastBackup && !lastBackup.ok && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> The last backup, at {formatWhen(lastBackup.at)}, failed:{' '}
          {lastBackup.message}
        </div>
      )}
      {backups.isPending && <p className="muted">Looking for backups…</p>}
      {backups.isError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> Backups could not be listed: {errorWords(backups.error)}
        </div>
      )}
      {backups.data && <BackupList folder={backups.data.folder} backups={backups.data.backups} />}
      <BackupSettingsForm />
    </section>
  )
}

function BackUpNow() {
  const queryClient = useQueryClient()
  const start = useStartBackup()
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useBackupJob(jobId)
  const state = job.data?.state
  useEffect(() => {
    if (state === 'done' || state === 'failed') {
      void queryClient.invalidateQueries({ queryKey: ['backups'] })
    }
  }, [state, queryClient])
  const running = start.isPending || state === 'running'
  return (
    <div className="backup-now">
      <span
        className={state === 'failed' && !running ? 'save-state danger-text' : 'save-state'}
        role="status"
        aria-live="polite"
      >
        {running && job.data ? `${job.data.stage}… ${Math.round(job.data.percent)}%` : null}
        {state === 'done' && !running ? 'Backed up and checked' : null}
        {state === 'failed' && !running ? job.data?.message : null}
      </span>
      <button
        type="button"
        className="button secondary"
        disabled={running}
        onClick={() => void start.mutateAsync().then((j) => setJobId(j.id))}
      >
        {running ? 'Backing up…' : 'Back up now'}
      </button>
    </div>
  )
}

function BackupList({ folder, backups }: { folder: string; backups: BackupInfo[] }) {
  const [restoring, setRestoring] = useState<BackupInfo | null>(null)
  return (
    <>
      <p className="muted backup-folder">
        Saved in <code>{folder}</code>. Each backup is checked after it is written.
      </p>
      {backups.length === 0 ? (
        <p className="muted">
          No backups yet. Plinth makes one at the first start of each day, every half hour while you
          work, and when you close it.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Backups, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col">Why</th>
                <th scope="col">Contents</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Check</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.name}>
                  <td>{formatWhen(b.createdAt)}</td>
                  <td>
                    {REASON_LABELS[b.reason]}
                    {b.encrypted && <span className="tag">Encrypted</span>}
                  </td>
                  <td>{describeCounts(b.counts, b.attachments)}</td>
                  <td className="num">{formatBytes(b.bytes)}</td>
                  <td>
                    {b.verified ? (
                      <span className="ok-text">
                        <Icon name="check" size={14} /> Verified
                      </span>
                    ) : (
                      <span className="danger-text">Size changed since written</span>
                    )}
                  </td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button secondary small"
                      aria-label={`Restore the backup of ${formatWhen(b.createdAt)}`}
                      disabled={!b.verified}
                      onClick={() => setRestoring(b)}
                    >
                      Restore…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />}
    </>
  )
}
