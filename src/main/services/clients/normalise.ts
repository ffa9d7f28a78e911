import { parsePhoneNumberFromString } from 'libphonenumber-js/min'

/**
 * The search forms of what staff type. Stored beside the typed value (ARCHITECTURE.md,
 * "Values") so lookups compare like with like, and computed here only, so the stored
 * columns, the search index and the query side can never disagree.
 */

function withoutDiacritics(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '')
}

/** "Zoë O’Brien-Smith" -> "zoe obrien smith": apostrophes vanish, other marks split words. */
export function normaliseName(value: string): string {
  return withoutDiacritics(value)
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * A phone as the digits that identify it whatever the caller says: UK numbers lose the
 * +44/0 prefix ("07911 123456", "+44 7911 123456" -> "7911123456"); other countries keep
 * their calling code ("+33 6 12 34 56 78" -> "33612345678").
 */
export function normalisePhone(value: string): string {
  if (value.trim() === '') return ''
  const parsed = parsePhoneNumberFromString(value, 'GB')
  if (!parsed) return value.replace(/\D/g, '')
  return parsed.countryCallingCode === '44'
    ? parsed.nationalNumber
    : `${parsed.countryCallingCode}${parsed.nationalNumber}`
}

/**
 * Digits from a phone-shaped search: "+44 7911", "07911 123 456", "123 456". A leading +44
 * (or 0044) and a leading trunk 0 are dropped so they match the stored form; a fragment
 * never gains digits, so this only ever widens a substring match.
 */
export function phoneQueryDigits(query: string): string {
  let digits = query.replace(/\D/g, '')
  const international = /^\s*(\+|00)/.test(query)
  if (international) digits = digits.replace(/^00/, '')
  if (international && digits.startsWith('44')) digits = digits.slice(2)
  else if (digits.length >= 4 && digits.startsWith('0')) digits = digits.slice(1)
  return digits
}

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase()
}

export function normalisePostcode(value: string): string {
  return value.replace(/\s+/g, '').toLowerCase()
}

export interface SearchableClient {
  first_name: string
  last_name: string
  preferred_name: string
  mobile: string
  other_phone: string
  email: string
  postcode: string
}

export function normalisedColumns(c: SearchableClient) {
  return {
    first_name_norm: normaliseName(c.first_name),
    last_name_norm: normaliseName(c.last_name),
    preferred_name_norm: normaliseName(c.preferred_name),
    mobile_norm: normalisePhone(c.mobile),
    other_phone_norm: normalisePhone(c.other_phone),
    email_norm: normaliseEmail(c.email),
    postcode_norm: normalisePostcode(c.postcode),
  }
}

function lowerPlain(value: string): string {
  return withoutDiacritics(value).toLowerCase().trim()
}

/**
 * The trigram index's document for one client. Names appear as typed (lower-cased) and in
 * their normalised form, so "o'brien" and "obrien" both find Siobhán O'Brien.
 */
export function searchDocument(c: SearchableClient): {
  names: string
  contact: string
  phones: string
} {
  const n = normalisedColumns(c)
  const names = [c.first_name, c.preferred_name, c.last_name].map(lowerPlain)
  const normNames = [n.first_name_norm, n.preferred_name_norm, n.last_name_norm]
  const allNames = [...new Set([...names, ...normNames].filter(Boolean))]
  return {
    names: allNames.join(' '),
    contact: [n.email_norm, c.postcode.toLowerCase(), n.postcode_norm].filter(Boolean).join(' '),
    phones: [n.mobile_norm, n.other_phone_norm].filter(Boolean).join(' '),
  }
}
