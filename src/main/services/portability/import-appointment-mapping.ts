import type { ImportMapping } from '../../../shared/contract/imports'
import { DomainError } from '../domain-error'
import { key } from './import-appointment-clients'

// Stage 1 of an appointments import: is this file one, and does the mapping name the columns
// the check (import-appointment-check.ts) needs?

/** Errors: 'rule_broken' naming the mapping field at fault. */
export function assertAppointmentMapping(headers: string[], mapping: ImportMapping): void {
  const missing = (path: keyof ImportMapping, message: string) =>
    new DomainError('rule_broken', message, [{ path: `mapping.${path}`, message }])
  if (!mapping.clientRef && !mapping.clientName && !mapping.clientEmail && !mapping.clientPhone) {
    throw missing('clientName', 'Choose a column that says who the client is')
  }
  if (!mapping.therapist) throw missing('therapist', 'Choose the column with the therapist')
  if (!mapping.service) throw missing('service', 'Choose the column with the service')
  if (!mapping.start && !(mapping.date && mapping.time)) {
    throw missing('start', 'Choose the column with the start (or a date and a time column)')
  }
  for (const header of Object.values(mapping)) {
    if (header && !headers.includes(header)) {
      throw new DomainError('rule_broken', `The file has no column called "${header}".`)
    }
  }
}

/** Plinth's own appointments template, recognised by its header row. */
export function isAppointmentTemplate(headers: string[]): boolean {
  const names = new Set(headers.map(key))
  return ['client', 'therapist', 'service', 'start'].every((h) => names.has(h))
}
