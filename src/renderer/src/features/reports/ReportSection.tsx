import { useIsFetching, useQueryClient } from '@tanstack/react-query'
import { startTransition, useDeferredValue, useEffect, useState } from 'react'
import type { ReportFigure, ReportId, ReportTable } from '../../../../shared/contract/report-values'
import { reportKeys, useReport, type ReportRequest } from '../../api/reports'
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
  details = true,
}: {
  report: ReportId
  base: Omit<ReportRequest, 'report'>
  timeZone: string
  onRows(request: ReportRequest, figure: ReportFigure): void
  extra?: React.ReactNode
  /** False for a therapist: no links to invoices (Money is not theirs). */
  links?: boolean
  /** False until the screen's figures are all in: charts and tables wait (useFiguresIn). */
  details?: boolean
}) {
  const request: ReportRequest = { ...base, report }
  const r = useReport(request)
  // The cards first; the charts and breakdown tables once every section has its figures
  // (`details`), and then in a deferred render (React does it in the background, yielding to
  // the browser): recharts laying out charts as each answer came in held up the next cards.
  const later = useDeferredValue(details ? r.data : undefined)
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

/**
 * Whether the screen's first figures are all in: true once no report is loading, and then for
 * good (a new period keeps the last charts on screen while it loads). Drives ReportSection's
 * `details`. Asked of the cache in an effect, which runs after the sections' queries have
 * started (a child's effects run first): at the first render nothing is loading yet.
 */
export function useFiguresIn(): boolean {
  const qc = useQueryClient()
  const loading = useIsFetching({ queryKey: reportKeys.all })
  const [inOnce, setInOnce] = useState(false)
  useEffect(() => {
    if (!inOnce && qc.isFetching({ queryKey: reportKeys.all }) === 0) {
      startTransition(() => setInOnce(true))
    }
  }, [loading, inOnce, qc])
  return inOnce
}
