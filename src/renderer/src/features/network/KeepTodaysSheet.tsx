import { useDaySheet } from '../../api/diary'
import { formatInstant } from '../../clinic-time'

/**
 * On a desk: keeps today's day sheet fetched (and so kept, sealed, by the desk's main
 * process) and refetched on every change event, so that "Print last day sheet" has the
 * day as it stood when the host went away, not as it was when someone last opened it.
 */
export function KeepTodaysSheet() {
  useDaySheet(formatInstant(new Date(), 'yyyy-MM-dd'), null)
  return null
}
