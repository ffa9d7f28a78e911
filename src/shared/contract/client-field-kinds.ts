import { z } from 'zod'
import { refusePhone, tidyPhone } from '../phone-check'

// The kinds of field a client record is made of, each with the words its errors use. Split
// from clients.ts (which composes them into the record) to keep that file readable.

export const text = (max: number, what = 'this') =>
  z.string().trim().max(max, `Keep ${what} under ${max} characters`).default('')

/** A phone field: refused if it cannot be a number, stored tidied (tidyPhone). */
export const phone = (what: string) => text(40, what).superRefine(refusePhone).transform(tidyPhone)

// UK postcodes (Royal Mail's format, plus the GIR 0AA oddity), spacing and case forgiven.
export const UK_POSTCODE = /^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/i

/** "sw1a1aa" -> "SW1A 1AA": the inward code is always the last three characters. */
export function formatPostcode(value: string): string {
  const compact = value.replace(/\s+/g, '').toUpperCase()
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export function isRealIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

export const isoDate = (message: string) =>
  z
    .string()
    .trim()
    .max(10, message)
    .default('')
    .refine((v) => v === '' || isRealIsoDate(v), { message })

/** A distance or count a runner tells us; empty (null) when not known. */
export const amount = (what: string, max: number, opts: { whole?: boolean } = {}) =>
  z
    .number({ message: `Enter ${what} as a number` })
    .min(0, `${what[0]!.toUpperCase()}${what.slice(1)} cannot be negative`)
    .max(max, `Check ${what}: more than ${max} is unlikely`)
    .refine((n) => !opts.whole || Number.isInteger(n), `Enter ${what} as a whole number`)
    .nullable()
    .default(null)
