import { format, parseISO } from 'date-fns'
import { formatInstant } from '../../clinic-time'

/** 1988-04-03 -> 03/04/1988, the way UK forms and callers say it. */
export function ukDate(iso: string): string {
  return iso ? format(parseISO(iso), 'dd/MM/yyyy') : ''
}

/** An instant on the clinic's clock: 25 Nov 2026 at 09:00. */
export function ukDateTime(iso: string): string {
  return formatInstant(iso, "d MMM yyyy 'at' HH:mm")
}

export function dobAndAge(dateOfBirth: string, age: number | null): string {
  return dateOfBirth ? `${ukDate(dateOfBirth)}, age ${age}` : 'DOB not recorded'
}
