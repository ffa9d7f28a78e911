import { useState } from 'react'
import {
  RANGE_PRESETS,
  RANGE_PRESET_LABELS,
  type RangePreset,
  type ReportFigure,
  type ReportId,
} from '../../../../shared/contract/report-values'
import { useServices, useTherapists } from '../../api/diary'
import { useReport, type ReportRequest } from '../../api/reports'
import { useClinicTimeZone } from '../diary/use-clinic-time-zone'
import { ReportSection } from './ReportSection'
import { ReportSettingsCard } from './ReportSettingsCard'
import { RowsDialog } from './RowsDialog'
import './reports.css'

/** The order the owner reads them in: money, the diary, clients, then what is owed either way. */
const SECTIONS: ReportId[] = [
  'takings',
  'appointments',
  'utilisation',
  'clients',
  'referrals',
  'commission',
  'outstanding',
  'vat',
  'liabilities',
]

/**
 * The owner's figures (issue 14): a period (presets or custom) and optional therapist and
 * service filters drive every section; each card shows the change on the period before and
 * opens the rows behind it; each section exports CSV; Print (or save as PDF) prints the lot.
 */
export function ReportsScreen() {
  const timeZone = useClinicTimeZone()
  const therapists = useTherapists(true)
  const services = useServices(true)
  const [preset, setPreset] = useState<RangePreset>('this_month')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [therapistId, setTherapistId] = useState<number | undefined>(undefined)
  const [serviceId, setServiceId] = useState<number | undefined>(undefined)
  const [recallWeeks, setRecallWeeks] = useState<number | undefined>(undefined)
  const [rows, setRows] = useState<{ request: ReportRequest; figure: ReportFigure } | null>(null)

  const customError =
    preset !== 'custom'
      ? null
      : !from || !to
        ? 'Choose both dates'
        : to < from
          ? 'End on or after the start'
          : null
  // A custom range is only asked for once it is whole; until then the last one stays shown.
  const [range, setRange] = useState<ReportRequest['range']>({ preset: 'this_month' })
  const applyRange = (p: RangePreset, f = from, t = to) => {
    if (p !== 'custom') setRange({ preset: p })
    else if (f && t && t >= f) setRange({ preset: 'custom', from: f, to: t })
  }
  const base = {
    range,
    ...(therapistId ? { therapistId } : {}),
    ...(serviceId ? { serviceId } : {}),
  }
  // The period's words come from any one report (they all share the range).
  const heading = useReport({ ...base, report: 'appointments' }).data

  return (
    <div className="reports-screen">
      <header className="page-header">
        <h1>Reports</h1>
        <p className="page-subtitle" aria-live="polite">
          {heading
            ? `${heading.period.label}${heading.previous ? `, compared with ${heading.previous.label}` : ''}`
            : '\u00a0'}
        </p>
      </header>
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
            {RANGE_PRESETS.map((p) => (
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
        <label>
          Therapist
          <select
            value={therapistId ?? ''}
            onChange={(e) => setTherapistId(e.target.value ? Number(e.target.value) : undefined)}
          >
            <option value="">Everyone</option>
            {therapists.data?.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Service
          <select
            value={serviceId ?? ''}
            onChange={(e) => setServiceId(e.target.value ? Number(e.target.value) : undefined)}
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
      <ReportSettingsCard />
      <div className="stack">
        {SECTIONS.map((id) => (
          <ReportSection
            key={id}
            report={id}
            base={base}
            timeZone={timeZone}
            onRows={(request, figure) => setRows({ request, figure })}
          />
        ))}
        <ReportSection
          report="recall"
          base={{ ...base, ...(recallWeeks ? { recallWeeks } : {}) }}
          timeZone={timeZone}
          onRows={(request, figure) => setRows({ request, figure })}
          extra={
            <label className="inline-field no-print">
              Not seen for (weeks)
              <input
                type="number"
                min={1}
                max={520}
                placeholder="setting"
                value={recallWeeks ?? ''}
                onChange={(e) => {
                  const n = Number(e.target.value)
                  setRecallWeeks(e.target.value && n >= 1 && n <= 520 ? Math.floor(n) : undefined)
                }}
              />
            </label>
          }
        />
      </div>
      {rows && (
        <RowsDialog
          request={rows.request}
          figure={rows.figure}
          timeZone={timeZone}
          onClose={() => setRows(null)}
        />
      )}
    </div>
  )
}
