import { useState } from 'react'
import type { ReportFigure, ReportId } from '../../../../shared/contract/report-values'
import type { Role } from '../../../../shared/roles'
import {
  useReport,
  useReportAccess,
  useReportSettings,
  type ReportRequest,
} from '../../api/reports'
import { errorWords } from '../../components/rpc-form-errors'
import { useClinicTimeZone } from '../diary/use-clinic-time-zone'
import { ReportSection, useFiguresIn } from './ReportSection'
import { ReportSettingsCard } from './ReportSettingsCard'
import { ReportToolbar, type ReportFilters } from './ReportToolbar'
import { RowsDialog } from './RowsDialog'
import { VatQuarterPicker, vatQuarterChoices } from './VatQuarterPicker'
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
  'liabilities',
]

/**
 * Reports (issue 14). The owner's figures: a period (presets or custom) and optional
 * therapist and service filters drive every section; each card shows the change on the period
 * before and opens the rows behind it; each section exports CSV; Print (or save as PDF) prints
 * the lot. A therapist sees their own appointment, utilisation and commission figures once the
 * owner shares them (main decides and forces their own therapist), else says why not.
 */
export function ReportsScreen({ role }: { role: Role }) {
  const access = useReportAccess(role === 'therapist')
  if (role !== 'therapist') return <Reports own={null} />
  if (access.isPending) return <p className="muted">Loading…</p>
  if (access.isError) return <p className="banner banner-error">{errorWords(access.error)}</p>
  if (!access.data.allowed || !access.data.therapist) {
    return (
      <div className="reports-screen">
        <header className="page-header">
          <h1>Reports</h1>
        </header>
        <section className="card empty-state" aria-labelledby="reports-blocked">
          <h2 id="reports-blocked">Your figures are not shared with you</h2>
          <p>{access.data.reason}</p>
          <p className="muted">
            The owner can tick “Therapists may see their own appointment figures and commission”
            under Reports → Report settings; you will then see your own appointments, utilisation
            and commission here.
          </p>
        </section>
      </div>
    )
  }
  return <Reports own={{ name: access.data.therapist.name, reports: access.data.reports }} />
}

function Reports({ own }: { own: { name: string; reports: ReportId[] } | null }) {
  const timeZone = useClinicTimeZone()
  const [filters, setFilters] = useState<ReportFilters>({ range: { preset: 'this_month' } })
  const [recallWeeks, setRecallWeeks] = useState<number | undefined>(undefined)
  const [rows, setRows] = useState<{ request: ReportRequest; figure: ReportFigure } | null>(null)
  const onRows = (request: ReportRequest, figure: ReportFigure) => setRows({ request, figure })
  const sections = own ? SECTIONS.filter((id) => own.reports.includes(id)) : SECTIONS
  // The period's words come from any one report (they all share the range).
  const heading = useReport({ ...filters, report: 'appointments' }).data
  const details = useFiguresIn()

  return (
    <div className="reports-screen">
      <header className="page-header">
        <h1>{own ? 'My figures' : 'Reports'}</h1>
        <p className="page-subtitle" aria-live="polite">
          {heading
            ? `${heading.period.label}${heading.previous ? `, compared with ${heading.previous.label}` : ''}`
            : '\u00a0'}
        </p>
      </header>
      <ReportToolbar ownName={own?.name ?? null} onChange={setFilters} />
      {!own && <ReportSettingsCard />}
      <div className="stack">
        {sections.map((id) => (
          <ReportSection
            key={id}
            report={id}
            base={filters}
            timeZone={timeZone}
            onRows={onRows}
            links={!own}
            details={details}
          />
        ))}
        {!own && (
          <VatSection filters={filters} timeZone={timeZone} onRows={onRows} details={details} />
        )}
        {!own && (
          <ReportSection
            report="recall"
            base={{ ...filters, ...(recallWeeks ? { recallWeeks } : {}) }}
            timeZone={timeZone}
            onRows={onRows}
            details={details}
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
        )}
      </div>
      {rows && (
        <RowsDialog
          request={rows.request}
          figure={rows.figure}
          timeZone={timeZone}
          onClose={() => setRows(null)}
          links={!own}
        />
      )}
    </div>
  )
}

/** The VAT summary over a VAT quarter the owner picks (the last finished one at first). */
function VatSection({
  filters,
  timeZone,
  onRows,
  details,
}: {
  filters: ReportFilters
  timeZone: string
  onRows(request: ReportRequest, figure: ReportFigure): void
  details: boolean
}) {
  const stagger = useReportSettings().data?.settings.vatStagger ?? 1
  const [chosen, setChosen] = useState<string | null>(null)
  const choices = vatQuarterChoices(stagger)
  // A quarter no longer on the stagger (the owner changed it) falls back to the last finished.
  const quarter = choices.some((q) => q.end === chosen) ? chosen! : choices[1]!.end
  return (
    <ReportSection
      report="vat"
      base={{ ...filters, range: { preset: 'vat_quarter', quarter } }}
      timeZone={timeZone}
      onRows={onRows}
      details={details}
      extra={<VatQuarterPicker stagger={stagger} value={quarter} onChange={setChosen} />}
    />
  )
}
