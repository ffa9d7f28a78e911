import type { ReportFigure } from '../../../../shared/contract/report-values'
import { changeOf, formatValue } from './report-format'

/**
 * One figure: its value, the change against the period before, how it is defined (the same
 * words main computes it by), and a button to the rows behind it.
 */
export function FigureCard({
  figure,
  timeZone,
  onRows,
}: {
  figure: ReportFigure
  timeZone: string
  onRows?: (() => void) | undefined
}) {
  const change = changeOf(figure.kind, figure.value, figure.previous)
  return (
    <article className="figure-card" aria-label={figure.label}>
      <h4 className="figure-label">{figure.label}</h4>
      <p className="figure-value" data-testid={`figure-${figure.id}`}>
        {formatValue(figure.kind, figure.value, timeZone)}
      </p>
      {change && (
        <p className={`figure-change ${change.direction}`}>
          <span aria-hidden="true">
            {change.direction === 'up' ? '▲' : change.direction === 'down' ? '▼' : '●'}
          </span>{' '}
          {change.words}
          <span className="visually-hidden">
            {' '}
            (was {formatValue(figure.kind, figure.previous, timeZone)})
          </span>
        </p>
      )}
      <details className="figure-definition">
        <summary>How it is worked out</summary>
        <p>{figure.definition}</p>
      </details>
      {figure.hasRows && onRows && (
        <button type="button" className="button link small no-print" onClick={onRows}>
          Show the rows<span className="visually-hidden"> behind {figure.label}</span>
        </button>
      )}
    </article>
  )
}
