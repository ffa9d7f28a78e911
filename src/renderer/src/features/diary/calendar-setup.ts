import { dateFnsLocalizer, type Formats } from 'react-big-calendar'
import { format, getDay, parse, startOfWeek } from 'date-fns'
import { enGB } from 'date-fns/locale'
import { withFastDayCompare } from '../../../../shared/diary/fast-day-compare'

// One localizer for the app: en-GB, so weeks start on Monday and dates read "Mon 2 Mar".
export const localizer = withFastDayCompare(
  dateFnsLocalizer({ format, parse, startOfWeek, getDay, locales: { 'en-GB': enGB } }),
)

export const CULTURE = 'en-GB'

const two = (n: number) => (n < 10 ? `0${n}` : String(n))
// format(d, 'HH:mm') without date-fns: the calendar labels every booking on every draw
// (twice per booking), ~2,000 calls a next/previous in a full clinic's week.
export const hm = (d: Date) => `${two(d.getHours())}:${two(d.getMinutes())}`
const range = ({ start, end }: { start: Date; end: Date }) => `${hm(start)}–${hm(end)}`

/** 24-hour clock everywhere the calendar prints a time. */
export const formats: Formats = {
  timeGutterFormat: 'HH:mm',
  eventTimeRangeFormat: range,
  eventTimeRangeStartFormat: ({ start }) => `${hm(start)} –`,
  eventTimeRangeEndFormat: ({ end }) => `– ${hm(end)}`,
  selectRangeFormat: range,
  agendaTimeFormat: 'HH:mm',
  agendaTimeRangeFormat: range,
  agendaDateFormat: 'EEE d MMM',
  dayFormat: 'EEE d',
  weekdayFormat: 'EEE',
  dayHeaderFormat: 'EEEE d MMMM yyyy',
  dayRangeHeaderFormat: ({ start, end }) =>
    `${format(start, 'd MMM')} – ${format(end, 'd MMM yyyy')}`,
  agendaHeaderFormat: ({ start, end }) =>
    `${format(start, 'd MMM')} – ${format(end, 'd MMM yyyy')}`,
  monthHeaderFormat: 'MMMM yyyy',
}
