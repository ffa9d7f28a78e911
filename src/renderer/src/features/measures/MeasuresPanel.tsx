import './measures.css'
import { useState } from 'react'
import { MEASURE_LABELS, type MeasureKind } from '../../../../shared/contract/measures'
import { useClientProgress } from '../../api/measures'
import { HandToClient } from '../handover/HandToClient'
import { LefsForm } from './LefsForm'
import { LoadForm } from './LoadForm'
import { PsfsForm } from './PsfsForm'
import { RomForm } from './RomForm'
import { VisaAForm } from './VisaAForm'

export interface VisitContext {
  clientId: number
  appointmentId: number | null
  /** When the measure was taken: the note's session time. */
  takenAt: string
}

const KINDS: MeasureKind[] = ['psfs', 'rom', 'lefs', 'visa_a', 'load']

/**
 * The note screen's "Measures" card: one of PSFS, range of motion, LEFS, VISA-A or the week's
 * training load at a time, saved on its own (not part of the note's text, so a signed note
 * can still get its measures).
 */
export function MeasuresPanel({ visit }: { visit: VisitContext }) {
  const [kind, setKind] = useState<MeasureKind>('psfs')
  const progress = useClientProgress(visit.clientId)
  const [saved, setSaved] = useState<string | null>(null)
  const onSaved = (what: string) => setSaved(what)
  return (
    <section className="card measures-panel" aria-labelledby="measures-title">
      <h2 id="measures-title">Measures</h2>
      <div role="tablist" aria-label="Measure to record" className="measure-tabs">
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`measure-tab-${k}`}
            aria-selected={kind === k}
            aria-controls="measure-form"
            className={kind === k ? 'button primary' : 'button secondary'}
            onClick={() => {
              setKind(k)
              setSaved(null)
            }}
          >
            {MEASURE_LABELS[k]}
          </button>
        ))}
      </div>
      <div id="measure-form" role="tabpanel" aria-labelledby={`measure-tab-${kind}`}>
        {kind === 'psfs' && <PsfsForm visit={visit} progress={progress.data} onSaved={onSaved} />}
        {kind === 'rom' && <RomForm visit={visit} onSaved={onSaved} />}
        {kind === 'lefs' && <LefsForm visit={visit} onSaved={onSaved} />}
        {kind === 'visa_a' && <VisaAForm visit={visit} onSaved={onSaved} />}
        {kind === 'load' && <LoadForm visit={visit} onSaved={onSaved} />}
      </div>
      {saved && (
        <p className="banner banner-ok" role="status">
          {saved}
        </p>
      )}
      <HandToClient
        clientId={visit.clientId}
        appointmentId={visit.appointmentId}
        initial={kind === 'lefs' || kind === 'visa_a' ? kind : 'psfs'}
        key={kind}
      />
    </section>
  )
}
