import type { ReportTable } from '../../../../shared/contract/report-values'
import { clientHref } from '../clients/client-route'
import { invoiceHref } from '../money/money-route'
import { formatValue } from './report-format'

const NUMERIC = new Set(['pence', 'count', 'percent', 'minutes', 'number'])

/** Where a row's record opens: the client's page or the invoice (Money: not a therapist's). */
function hrefOf(
  table: ReportTable,
  row: ReportTable['rows'][number],
  invoiceLinks: boolean,
): string | null {
  if (!table.link) return null
  const id = row[table.link.key]
  if (typeof id !== 'number') return null
  if (table.link.kind === 'invoice') return invoiceLinks ? invoiceHref(id) : null
  return clientHref(id)
}

/**
 * A report table: numbers right-aligned, the first column a link to each row's record when
 * the table has one (client or invoice).
 */
export function ReportTableView({
  table,
  timeZone,
  caption,
  invoiceLinks = true,
}: {
  table: ReportTable
  timeZone: string
  caption?: string
  /** False for a therapist, who has no Money screen to open an invoice on. */
  invoiceLinks?: boolean
}) {
  if (table.rows.length === 0) return <p className="muted">Nothing in this period.</p>
  return (
    // A tall table scrolls inside its box: a tab stop, so the keyboard can scroll it too.
    <div
      className="report-table-wrap"
      tabIndex={0}
      role="region"
      aria-label={caption ?? table.title}
    >
      <table className="table report-table">
        <caption className={caption ? undefined : 'visually-hidden'}>
          {caption ?? table.title}
        </caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={NUMERIC.has(c.kind) ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => {
            const href = hrefOf(table, row, invoiceLinks)
            // The link sits on what names the record (the client, the invoice), else the first cell.
            const linkKey =
              table.columns.find(
                (c) => c.key === 'client' || c.key === 'number' || c.key === 'invoice',
              )?.key ?? table.columns[0]?.key
            return (
              <tr key={i}>
                {table.columns.map((c) => {
                  const text = formatValue(c.kind, row[c.key], timeZone)
                  return (
                    <td key={c.key} className={NUMERIC.has(c.kind) ? 'num' : undefined}>
                      {c.key === linkKey && href ? <a href={href}>{text}</a> : text}
                    </td>
                  )
                })}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
