import { useId, useState } from 'react'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { ReportSeries } from '../../../../shared/contract/report-values'
import { axisLabel, formatValue } from './report-format'

/** The words a screen reader (and the print) gets for a chart: its range, highest and lowest. */
export function chartSummary(series: ReportSeries, timeZone: string): string {
  const known = series.points.filter((p) => p.value !== null) as { label: string; value: number }[]
  if (known.length === 0) return `${series.title}: nothing to show for this period.`
  const high = known.reduce((a, b) => (b.value > a.value ? b : a))
  const low = known.reduce((a, b) => (b.value < a.value ? b : a))
  const f = (v: number) => formatValue(series.kind, v, timeZone)
  return `${series.title}, ${known.length} ${known.length === 1 ? 'point' : 'points'} from ${known[0]!.label} to ${known.at(-1)!.label}. Highest ${f(high.value)} (${high.label}), lowest ${f(low.value)} (${low.label}).`
}

/**
 * One chart with its text alternative and a table view of the same points. The figure is a
 * tab stop: focus it to hear the summary; recharts' accessibility layer then lets the arrow
 * keys move the tooltip from point to point.
 */
export function ReportChart({
  series,
  timeZone,
  type,
}: {
  series: ReportSeries
  timeZone: string
  type: 'bar' | 'line'
}) {
  const [asTable, setAsTable] = useState(false)
  const id = useId()
  // Pence are charted in pounds and rates as percentages, so the axis reads as the cards do.
  const scale = series.kind === 'pence' ? 0.01 : series.kind === 'percent' ? 100 : 1
  const data = series.points.map((p) => ({
    label: p.label,
    value: p.value === null ? null : Math.round(p.value * scale * 100) / 100,
  }))
  const tick = (v: number) =>
    series.kind === 'pence' ? `£${v}` : series.kind === 'percent' ? `${v} %` : String(v)
  const tip = (v: unknown) =>
    typeof v === 'number' ? formatValue(series.kind, v / scale, timeZone) : '–'
  return (
    <figure className="report-chart card" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`}>
      <div className="card-head">
        <h3 id={`${id}-t`} className="card-title">
          {series.title}
        </h3>
        <button
          type="button"
          className="button small secondary no-print"
          aria-pressed={asTable}
          onClick={() => setAsTable((v) => !v)}
        >
          {asTable ? 'Show chart' : 'Show table'}
        </button>
      </div>
      <p id={`${id}-d`} className="muted chart-summary">
        {chartSummary(series, timeZone)}
      </p>
      {asTable ? (
        <table className="table">
          <caption className="visually-hidden">{series.title}</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col" className="num">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            {series.points.map((p) => (
              <tr key={p.label}>
                <td>{p.label}</td>
                <td className="num">{formatValue(series.kind, p.value, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div
          className="chart-box"
          tabIndex={0}
          role="img"
          aria-label={chartSummary(series, timeZone)}
        >
          <ResponsiveContainer width="100%" height={220}>
            {type === 'bar' ? (
              <BarChart data={data} accessibilityLayer>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" fontSize={11} interval="preserveStartEnd" />
                <YAxis tickFormatter={tick} fontSize={11} width={60} />
                <Tooltip formatter={(v) => [tip(v), series.title]} />
                <Bar dataKey="value" fill="var(--primary)" isAnimationActive={false} />
              </BarChart>
            ) : (
              <LineChart data={data} accessibilityLayer margin={{ top: 5, right: 24, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                {/* Every point labelled: interval 0, the labels short enough to fit. */}
                <XAxis
                  dataKey="label"
                  fontSize={11}
                  interval={0}
                  tickFormatter={axisLabel}
                  padding={{ left: 16, right: 16 }}
                />
                <YAxis tickFormatter={tick} fontSize={11} width={60} />
                <Tooltip formatter={(v) => [tip(v), series.title]} />
                <Line
                  dataKey="value"
                  stroke="var(--primary)"
                  strokeWidth={2}
                  connectNulls
                  isAnimationActive={false}
                />
              </LineChart>
            )}
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  )
}
