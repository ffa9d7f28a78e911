import { format, parseISO } from 'date-fns'
import { enGB } from 'date-fns/locale'

/** "Thursday 18 June 2026" for a clinic-local date 'YYYY-MM-DD' (en-GB, as messages say it). */
export function formatLongDate(date: string): string {
  return format(parseISO(date), 'EEEE d MMMM yyyy', { locale: enGB })
}
