import {
  VAT_STAGGER_LABELS,
  vatQuartersUpTo,
  type VatStagger,
} from '../../../../shared/reports/vat-quarters'
import { formatInstant } from '../../clinic-time'

/** The quarters offered: the one in progress and the seven before it (two years of returns). */
export function vatQuarterChoices(stagger: VatStagger) {
  return vatQuartersUpTo(stagger, formatInstant(Date.now(), 'yyyy-MM-dd'), 8)
}

/**
 * The VAT summary's own period: a VAT quarter on the clinic's stagger (Report settings; the
 * calendar quarters January–March, April–June, … unless the owner set another), the last
 * finished quarter first chosen, as that is the return being prepared.
 */
export function VatQuarterPicker({
  stagger,
  value,
  onChange,
}: {
  stagger: VatStagger
  value: string
  onChange(end: string): void
}) {
  const choices = vatQuarterChoices(stagger)
  return (
    <div className="vat-quarter no-print">
      <label className="inline-field">
        VAT quarter
        <select
          value={value}
          aria-describedby="vat-quarter-note"
          onChange={(e) => onChange(e.target.value)}
        >
          {choices.map((q, i) => (
            <option key={q.end} value={q.end}>
              {q.label}
              {i === 0 ? ' (in progress)' : ''}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small-note" id="vat-quarter-note">
        Quarters ending in {VAT_STAGGER_LABELS[stagger]}
        {stagger === 1 ? '' : ' (your VAT stagger)'}; change it under Report settings.
      </p>
    </div>
  )
}
