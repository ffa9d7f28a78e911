import './measures.css'
import { useState } from 'react'
import { useClientProgress } from '../../api/measures'
import { errorWords } from '../../components/rpc-form-errors'
import { ClientTimeline } from './ClientTimeline'
import { ProgressCharts } from './ProgressCharts'

/** The client page's progress card (therapists and the owner): timeline, then the charts. */
export function RunnerProgressCard({ clientId }: { clientId: number }) {
  const progress = useClientProgress(clientId)
  const [charts, setCharts] = useState(false)
  const p = progress.data
  return (
    <section className="card span-2 runner-progress" aria-labelledby="runner-progress-title">
      <div className="card-head">
        <h2 id="runner-progress-title">Progress</h2>
        <button
          type="button"
          className="button secondary"
          aria-expanded={charts}
          onClick={() => setCharts((c) => !c)}
        >
          {charts ? 'Hide measures' : 'Show measures'}
        </button>
      </div>
      {progress.isError && (
        <p className="banner banner-error" role="alert">
          {errorWords(progress.error)}
        </p>
      )}
      {p && (
        <>
          {p.painOverall && (
            <p>
              Pain before treatment, first to latest visit: <strong>{p.painOverall}</strong>{' '}
              <span className="muted">
                (2 points or a third = much better; 1 point = the smallest change that matters)
              </span>
            </p>
          )}
          <ClientTimeline progress={p} />
          {charts && <ProgressCharts progress={p} />}
        </>
      )}
    </section>
  )
}
