import { useEffect } from 'react'
import { format } from 'date-fns'
import { useLastDaySheet } from '../../api/kept'
import { formatInstant } from '../../clinic-time'
import { Icon } from '../../components/Icon'
import { DaySheetTables } from '../diary/DaySheetTables'
import { useClinicTimeZone } from '../diary/use-clinic-time-zone'
import '../diary/diary.css'

export const KEPT_SHEET_HASH = '#/diary/sheet/kept'

// Set by the banner's "Print last day sheet" button: the screen prints once it has the sheet.
let printOnArrival = false

/** Opens the day sheet this desk kept, and prints it (the banner's button). */
export function printKeptDaySheet(): void {
  printOnArrival = true
  if (window.location.hash === KEPT_SHEET_HASH) window.dispatchEvent(new Event('hashchange'))
  else window.location.hash = KEPT_SHEET_HASH
}

/**
 * #/diary/sheet/kept: the day sheet as this desk last fetched it, kept sealed on the desk, for
 * printing while the host is away (issue 15). Says plainly how old it is, on paper too.
 */
export function KeptDaySheetScreen() {
  const tz = useClinicTimeZone()
  const kept = useLastDaySheet(true)
  const data = kept.data ?? null
  useEffect(() => {
    if (!data || !printOnArrival) return
    printOnArrival = false
    window.print()
  }, [data])
  if (kept.isPending) return <p className="muted">Opening the day sheet kept on this desk…</p>
  if (!data) {
    return (
      <div className="banner banner-info" role="status">
        <Icon name="info" /> This desk has no day sheet kept. A desk keeps the last day sheet it
        fetched from the host, for printing while the host is away.
      </div>
    )
  }
  const asOf = formatInstant(data.fetchedAt, 'HH:mm')
  const fetchedOn = formatInstant(data.fetchedAt, 'yyyy-MM-dd')
  return (
    <div className="day-sheet">
      <header className="page-header day-sheet-head">
        <div>
          <h1>Day sheet</h1>
          <p className="page-subtitle">
            {format(new Date(`${data.sheet.date}T12:00:00`), 'EEEE d MMMM yyyy')} · as of {asOf}
            {fetchedOn === data.sheet.date ? '' : ` on ${formatInstant(data.fetchedAt, 'd MMM')}`},
            kept on this desk
          </p>
        </div>
        <div className="no-print row-actions">
          <a className="button secondary" href="#/diary">
            Back to the diary
          </a>
          <button type="button" className="button primary" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </header>
      <div className="banner banner-info no-print" role="status">
        <Icon name="info" /> This is the day sheet as this desk last had it, at {asOf}. Bookings
        made or changed since then are not on it.
      </div>
      <DaySheetTables sheet={data.sheet} timeZone={tz} />
    </div>
  )
}
