import type { ReportFigure, ReportId } from '../../../../shared/contract/report-values'
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
        <>
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
          {r.data.series.map((s) => (
            <ReportChart
              key={s.id}
              series={s}
              timeZone={timeZone}
              type={CHART_TYPES[s.id] ?? 'bar'}
            />
          ))}
          {r.data.tables.map((t) => (
            <details key={t.id} className="report-breakdown" open={r.data.tables.length <= 2}>
              <summary>{t.title}</summary>
              <p className="muted small-note">{t.definition}</p>
              <ReportTableView table={t} timeZone={timeZone} invoiceLinks={links} />
            </details>
          ))}
        </>
      )}
    </section>
  )
}
