import { useState } from 'react'
import type { ReportFigure } from '../../../../shared/contract/report-values'
import type { ReportRequest } from '../../api/reports'
import { useReportRows } from '../../api/reports'
import { Modal } from '../../components/Modal'
import { errorWords } from '../../components/rpc-form-errors'
import { CsvButton } from './CsvButton'
import { ReportTableView } from './ReportTableView'

const PAGE = 100

/** The rows behind a figure, a page at a time, each linking to its record, with CSV. */
export function RowsDialog({
  request,
  figure,
  timeZone,
  onClose,
  links = true,
}: {
  request: ReportRequest
  figure: ReportFigure
  timeZone: string
  onClose(): void
  /** False for a therapist: no links to invoices (Money is not theirs). */
  links?: boolean
}) {
  const [offset, setOffset] = useState(0)
  const rows = useReportRows({ ...request, figure: figure.id, limit: PAGE, offset })
  const t = rows.data
  return (
    <Modal title={`Rows behind: ${figure.label}`} onClose={onClose} wide>
      <p className="muted">{figure.definition}</p>
      {rows.isPending && <p className="muted">Loading…</p>}
      {rows.isError && <p className="banner banner-error">{errorWords(rows.error)}</p>}
      {t && (
        <>
          <div className="list-toolbar">
            <p className="muted" role="status">
              {t.total === 0
                ? 'No rows.'
                : `Rows ${offset + 1}–${offset + t.rows.length} of ${t.total}`}
            </p>
            <CsvButton
              request={{ ...request, figure: figure.id }}
              label="Export these rows as CSV"
            />
          </div>
          <ReportTableView
            table={t}
            timeZone={timeZone}
            caption={figure.label}
            invoiceLinks={links}
          />
          {t.total > PAGE && (
            <div className="list-toolbar">
              <button
                type="button"
                className="button secondary small"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                Previous
              </button>
              <button
                type="button"
                className="button secondary small"
                disabled={offset + PAGE >= t.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                Next
              </button>
            </div>
          )}
        </>
      )}
    </Modal>
  )
}
