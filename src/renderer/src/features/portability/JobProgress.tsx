import type { ImportJob } from '../../../../shared/contract/imports'

export function JobProgress({ job, label }: { job: ImportJob; label: string }) {
  return (
    <div className="progress-row">
      <progress max={100} value={job.percent} aria-label={label} />
      <span className="progress-stage" role="status" aria-live="polite">
        {job.stage}… {job.percent}%
      </span>
    </div>
  )
}
