import { useState } from 'react'
import {
  RANGE_PRESETS,
  RANGE_PRESET_LABELS,
  type RangePreset,
} from '../../../../shared/contract/report-values'
import { useServices, useTherapists } from '../../api/diary'
import type { ReportRequest } from '../../api/reports'

/** The period and filters every section shares; `range` changes only once it is whole. */
export interface ReportFilters {
  range: ReportRequest['range']
  therapistId?: number
  serviceId?: number
}

// A VAT quarter is chosen in the VAT section itself (it is the VAT return's period).
const PERIOD_PRESETS = RANGE_PRESETS.filter((p) => p !== 'vat_quarter')

/**
 * The Reports screen's period (presets or a custom range) and filters. `ownName` set: a
 * therapist's own view, whose therapist is fixed by main, so no therapist filter is offered.
 */
export function ReportToolbar({
  ownName,
  onChange,
}: {
  ownName: string | null
  onChange(filters: ReportFilters): void
}) {
  const therapists = useTherapists(true)
  const services = useServices(true)
  const [preset, setPreset] = useState<RangePreset>('this_month')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [filters, setFilters] = useState<ReportFilters>({ range: { preset: 'this_month' } })
  const update = (patch: Partial<ReportFilters>) => {
    const next = { ...filters, ...patch }
    for (const key of ['therapistId', 'serviceId'] as const) {
      if (next[key] === undefined) delete next[key]
    }
    setFilters(next)
    onChange(next)
  }
  const customError =
    preset !== 'custom'
      ? null
      : !from || !to
        ? 'Choose both dates'
        : to < from
          ? 'End on or after the start'
          : null
  // A custom range is only asked for once it is whole; until then the last one stays shown.
  const applyRange = (p: RangePreset, f = from, t = to) => {
    if (p !== 'custom') update({ range: { preset: p } })
    else if (f && t && t >= f) update({ range: { preset: 'custom', from: f, to: t } })
  }
  return (
    <form
      className="report-toolbar no-print"
      onSubmit={(e) => e.preventDefault()}
      aria-label="Report period and filters"
    >
      <label>
        Period
        <select
          value={preset}
          onChange={(e) => {
            const p = e.target.value as RangePreset
            setPreset(p)
            applyRange(p)
          }}
        >
          {PERIOD_PRESETS.map((p) => (
            <option key={p} value={p}>
              {RANGE_PRESET_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      {preset === 'custom' && (
        <>
          <label>
            From
            <input
              type="date"
              value={from}
              aria-invalid={customError !== null}
              onChange={(e) => {
                setFrom(e.target.value)
                applyRange('custom', e.target.value, to)
              }}
            />
          </label>
          <label>
            To
            <input
              type="date"
              value={to}
              aria-invalid={customError !== null}
              aria-describedby="report-range-error"
              onChange={(e) => {
                setTo(e.target.value)
                applyRange('custom', from, e.target.value)
              }}
            />
          </label>
          {customError && (
            <span id="report-range-error" className="field-error" role="alert">
              {customError}
            </span>
          )}
        </>
      )}
      {ownName === null ? (
        <label>
          Therapist
          <select
            value={filters.therapistId ?? ''}
            onChange={(e) =>
              update({ therapistId: e.target.value ? Number(e.target.value) : undefined })
            }
          >
            <option value="">Everyone</option>
            {therapists.data?.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="report-own-name">
          Therapist: <strong>{ownName}</strong> (your own figures)
        </p>
      )}
      <label>
        Service
        <select
          value={filters.serviceId ?? ''}
          onChange={(e) =>
            update({ serviceId: e.target.value ? Number(e.target.value) : undefined })
          }
        >
          <option value="">All services</option>
          {services.data?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button secondary" onClick={() => window.print()}>
        Print or save as PDF
      </button>
    </form>
  )
}
