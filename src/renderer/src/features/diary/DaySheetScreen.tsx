import { useState } from 'react'
import { format } from 'date-fns'
import { downloadDaySheetPdf, useDaySheet } from '../../api/diary'
import { Icon } from '../../components/Icon'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { DaySheetTables } from './DaySheetTables'
import { useClinicTimeZone } from './use-clinic-time-zone'
import './diary.css'
import { errorWords } from '../../components/rpc-form-errors'

function dateFromHash(timeZone: string): string {
  const m = /#\/diary\/sheet\/(\d{4}-\d{2}-\d{2})/.exec(window.location.hash)
  return m?.[1] ?? formatClinic(new Date(), 'yyyy-MM-dd', timeZone)
}

/** The day's list per therapist, laid out for paper (see the print rules in diary.css). */
export function DaySheetScreen() {
  const tz = useClinicTimeZone()
  const date = dateFromHash(tz)
  const sheet = useDaySheet(date, null)
  const [exporting, setExporting] = useState(false)
  const [exportError, setExportError] = useState<string | null>(null)
  async function exportPdf() {
    setExportError(null)
    setExporting(true)
    try {
      await downloadDaySheetPdf({ date })
    } catch (e) {
      setExportError(errorWords(e, 'The PDF could not be made.'))
    } finally {
      setExporting(false)
    }
  }
  const day = new Date(`${date}T12:00:00`)
  return (
    <div className="day-sheet">
      <header className="page-header day-sheet-head">
        <div>
          <h1>Day sheet</h1>
          <p className="page-subtitle">{format(day, 'EEEE d MMMM yyyy')}</p>
        </div>
        <div className="no-print row-actions">
          <a className="button secondary" href="#/diary">
            Back to the diary
          </a>
          <button
            type="button"
            className="button secondary"
            onClick={() => void exportPdf()}
            disabled={exporting}
          >
            {exporting ? 'Making the PDF…' : 'Download PDF'}
          </button>
          <button type="button" className="button primary" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </header>
      {exportError && (
        <div className="banner banner-error no-print" role="alert">
          <Icon name="alert" /> {exportError}
        </div>
      )}
      {sheet.isError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {errorWords(sheet.error)}
        </div>
      )}
      {sheet.data && <DaySheetTables sheet={sheet.data} timeZone={tz} />}
    </div>
  )
}
