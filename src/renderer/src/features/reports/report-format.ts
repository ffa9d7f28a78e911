import type { ReportColumn, ValueKind } from '../../../../shared/contract/report-values'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { formatPence } from '../../../../shared/money/pounds'

const count = new Intl.NumberFormat('en-GB')
const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 })
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 })

/** A figure or cell as the screen shows it; "–" for a rate over nothing. */
export function formatValue(
  kind: ValueKind | ReportColumn['kind'],
  value: string | number | null | undefined,
  timeZone: string,
): string {
  if (value === null || value === undefined || value === '') return '–'
  if (typeof value === 'string') {
    if (kind === 'datetime') return formatClinic(value, 'd MMM yyyy, HH:mm', timeZone)
    if (kind === 'date') return formatClinic(`${value}T12:00:00Z`, 'd MMM yyyy', 'UTC')
    return value
  }
  switch (kind) {
    case 'pence':
      return formatPence(value)
    case 'percent':
      return percent.format(value)
    case 'minutes':
      return `${count.format(Math.round(value / 6) / 10)} h`
    case 'number':
      return decimal.format(value)
    default:
      return count.format(value)
  }
}

/**
 * The change against the period before, in words and with a direction: "+12 % on the period
 * before", "–3 points" for rates (a change of rate is in percentage points, not a percentage).
 */
export function changeOf(
  kind: ValueKind,
  value: number | null,
  previous: number | null,
): { words: string; direction: 'up' | 'down' | 'same' } | null {
  if (value === null || previous === null) return null
  const diff = value - previous
  const direction = diff > 0 ? 'up' : diff < 0 ? 'down' : 'same'
  if (diff === 0) return { words: 'same as the period before', direction }
  const sign = diff > 0 ? '+' : '−'
  if (kind === 'percent') {
    return {
      words: `${sign}${decimal.format(Math.abs(diff) * 100)} points on the period before`,
      direction,
    }
  }
  // A percentage of nothing or of a negative figure means nothing (a user trial read
  // "+60,233.3 % (was −£15.00)"): say the change itself, in the figure's own unit.
  if (previous <= 0 || value < 0) {
    return {
      words: `${sign}${formatValue(kind, Math.abs(diff), 'UTC')} on the period before`,
      direction,
    }
  }
  return {
    words: `${sign}${decimal.format(Math.round((Math.abs(diff) / Math.abs(previous)) * 1000) / 10)} % on the period before`,
    direction,
  }
}

/**
 * A chart's x-axis label: a month ("Jun 2026") as its short name, with the year on the first
 * tick and on each January, so all twelve months fit under the chart with none dropped
 * (recharts drops labels that would overlap, leaving gaps at random). Other labels unchanged.
 */
export function axisLabel(label: string, index: number): string {
  const month = /^([A-Z][a-z]{2}) (\d{4})$/.exec(label)
  if (!month) return label
  return index === 0 || month[1] === 'Jan' ? label : month[1]!
}
