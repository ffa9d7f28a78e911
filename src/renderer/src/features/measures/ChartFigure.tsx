import { useId, useState, type ReactNode } from 'react'
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'
import { formatInstant } from '../../clinic-time'

export interface ChartLine {
  key: string
  name: string
  /** A CSS colour from the theme. */
  colour: string
  dashed?: boolean
}

export interface TableColumn<Row> {
  header: string
  cell(row: Row): ReactNode
}

/**
 * One progress chart (recharts): a heading, the text alternative, the chart (keyboard
 * focusable, labelled by that text), and a table view of the same numbers behind a toggle.
 */
export function ChartFigure<Row extends { at: string }>({
  title,
  words,
  rows,
  lines,
  domain,
  columns,
}: {
  title: string
  words: string
  rows: readonly Row[]
  lines: ChartLine[]
  domain: [number | 'auto', number | 'auto']
  columns: TableColumn<Row>[]
}) {
  const [table, setTable] = useState(false)
  const id = useId()
  const data = rows.map((r) => ({ ...r, label: formatInstant(r.at, 'd MMM yy') }))
  return (
    <figure className="progress-figure" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="chart-words" id={`${id}-words`}>
        {words}
      </p>
      <div
        className="chart-box"
        tabIndex={0}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-words`}
      >
        <LineChart
          width={440}
          height={190}
          data={data}
          margin={{ top: 8, right: 12, left: 0, bottom: 4 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" fontSize={11} />
          <YAxis domain={domain} fontSize={11} width={36} allowDecimals={false} />
          <Tooltip />
          <Legend />
          {lines.map((l) => (
            <Line
              key={l.key}
              type="monotone"
              dataKey={l.key}
              name={l.name}
              stroke={l.colour}
              strokeWidth={2}
              strokeDasharray={l.dashed ? '5 4' : undefined}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </div>
      <button
        type="button"
        className="button link"
        aria-expanded={table}
        onClick={() => setTable((t) => !t)}
      >
        {table ? `Hide the ${title} table` : `Show the ${title} table`}
      </button>
      {table && (
        <table className="progress-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              {columns.map((c) => (
                <th scope="col" key={c.header}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.at}-${i}`}>
                <td>{formatInstant(r.at, 'd MMM yyyy')}</td>
                {columns.map((c) => (
                  <td key={c.header}>{c.cell(r)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  )
}
