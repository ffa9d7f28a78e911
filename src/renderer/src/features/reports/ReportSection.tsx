import { useDeferredValue, useState } from 'react'
import type { ReportFigure, ReportId, ReportTable } from '../../../../shared/contract/report-values'
import { useReport, type ReportRequest } from '../../api/reports'
import { errorWords } from '../../components/rpc-form-errors'
import { CsvButton } from './CsvButton'
import { FigureCard } from './FigureCard'
import { ReportChart } from './ReportChart'
import { ReportTableView } from './ReportTableView'

const CHART_TYPES: Record<string, 'bar' | 'line'> = {
  'takings-by-week': 'bar',
  'dna-by-month': 'line',
  'utilisation-by-therapist': 'bar',
}

/** One report on the screen: its cards, charts and breakdown tables, and its CSV. */
export function ReportSection({
  report,
  base,
  timeZone,
  onRows,
  extra,
  links = true,
}: {
  report: ReportId
  base: Omit<ReportRequest, 'report'>
  timeZone: string
  onRows(request: ReportRequest, figure: ReportFigure): void
  extra?: React.ReactNode
  /** False for a therapist: no links to invoices (Money is not theirs). */
  links?: boolean
}) {
  const request: ReportRequest = { ...base, report }
  const r = useReport(request)
  // The cards first, the charts and breakdown tables a render later (React does that render
  // in the background, yielding to the browser): the figures show without waiting for
  // recharts to lay out a dozen charts and the tables their rows.
  const later = useDeferredValue(r.data)
  const headingId = `report-${report}`
  return (
    <section className="card report-section" aria-labelledby={headingId} aria-busy={r.isFetching}>
      <div className="card-head">
        <h2 id={headingId}>{r.data?.title ?? '…'}</h2>
        <CsvButton request={request} />
      </div>
      {extra}
      {r.isPending && <p className="muted">Loading…</p>}
      {r.isError && <p className="banner banner-error">{errorWords(r.error)}</p>}
      {r.data && (
        <div className="figure-grid">
          {r.data.figures.map((f) => (
            <FigureCard
              key={f.id}
              figure={f}
              timeZone={timeZone}
              onRows={() => onRows(request, f)}
            />
          ))}
        </div>
      )}
      {later && (
        <>
          {later.series.map((s) => (
            <ReportChart
              key={s.id}
              series={s}
              timeZone={timeZone}
              type={CHART_TYPES[s.id] ?? 'bar'}
            />
          ))}
          {later.tables.map((t) => (
            <Breakdown
              key={t.id}
              table={t}
              timeZone={timeZone}
              links={links}
              startOpen={later.tables.length <= 2}
            />
          ))}
        </>
      )}
    </section>
  )
}

/**
 * A breakdown table under a fold: its rows are rendered once it is first opened (a closed
 * fold shows nothing, on screen or in print), so a year's by-day table costs nothing until
 * asked for.
 */
function Breakdown({
  table,
  timeZone,
  links,
  startOpen,
}: {
  table: ReportTable
  timeZone: string
  links: boolean
  startOpen: boolean
}) {
  const [opened, setOpened] = useState(startOpen)
  return (
    <details
      className="report-breakdown"
      open={startOpen}
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true)
      }}
    >
      <summary>{table.title}</summary>
      <p className="muted small-note">{table.definition}</p>
      {opened && <ReportTableView table={table} timeZone={timeZone} invoiceLinks={links} />}
    </details>
  )
}
