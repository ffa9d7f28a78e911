import { format, parseISO } from 'date-fns'

/** 1988-04-03 -> 03/04/1988, the way UK forms and callers say it. */
export function ukDate(iso: string): string {
  return iso ? format(parseISO(iso), 'dd/MM/yyyy') : ''
}

export function ukDateTime(iso: string): string {
  return format(parseISO(iso), "d MMM yyyy 'at' HH:mm")
}

export function dobAndAge(dateOfBirth: string, age: number | null): string {
  return dateOfBirth ? `${ukDate(dateOfBirth)}, age ${age}` : 'DOB not recorded'
}
