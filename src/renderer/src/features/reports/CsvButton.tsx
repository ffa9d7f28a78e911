import { useState } from 'react'
import type { InputOf } from '../../../../shared/contract'
import { api } from '../../api/client'
import { downloadBytes } from '../../api/download'
import { errorWords } from '../../components/rpc-form-errors'

/** Exports a report (or the rows behind one figure) as CSV, made in main with the formula guard. */
export function CsvButton({
  request,
  label = 'Export CSV',
}: {
  request: InputOf<'reports.exportCsv'>
  label?: string
}) {
  const [message, setMessage] = useState<string | null>(null)
  const run = async () => {
    setMessage(null)
    try {
      const file = await api.call('reports.exportCsv', request)
      downloadBytes(file.csv, file.fileName, 'text/csv;charset=utf-8')
      setMessage(`Saved ${file.fileName}`)
    } catch (error) {
      setMessage(errorWords(error))
    }
  }
  return (
    <span className="csv-button no-print">
      <button type="button" className="button secondary small" onClick={() => void run()}>
        {label}
      </button>
      {message && (
        <span className="muted small-note" role="status">
          {message}
        </span>
      )}
    </span>
  )
}
