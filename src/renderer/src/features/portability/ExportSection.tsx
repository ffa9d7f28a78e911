import { useState } from 'react'
import { api } from '../../api/client'
import { downloadBase64 } from '../../api/download'
import { DoneNote, ErrorBanner } from '../../components/ErrorBanner'
import { errorWords } from '../../components/rpc-form-errors'

/** The whole clinic as a zip of CSV files plus one JSON (see the README for the format). */
export function ExportSection() {
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function download() {
    setBusy(true)
    setDone(null)
    setError(null)
    try {
      const file = await api.call('exports.clinic', {})
      downloadBase64(file.base64, file.fileName, 'application/zip')
      const tables = Object.keys(file.counts).length
      setDone(
        `Exported ${file.counts['clients'] ?? 0} clients and ${tables} tables to ${file.fileName}`,
      )
    } catch (e) {
      setError(errorWords(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card section" aria-labelledby="export-title">
      <div className="card-head">
        <h2 id="export-title">Export the clinic</h2>
        <button
          type="button"
          className="button secondary"
          disabled={busy}
          onClick={() => void download()}
        >
          {busy ? 'Exporting…' : 'Download export'}
        </button>
      </div>
      <p className="muted">
        Every record as CSV files (one per table, for a spreadsheet or another system) and one JSON
        file with everything, in a zip. Staff passwords are never included. The export is recorded
        in the audit log.
      </p>
      <ErrorBanner message={error} />
      <DoneNote message={done} />
    </section>
  )
}
