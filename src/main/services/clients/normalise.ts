import anyAscii from 'any-ascii'
import { parsePhoneNumberFromString } from 'libphonenumber-js/min'

/**
 * The search forms of what staff type. Stored beside the typed value (ARCHITECTURE.md,
 * "Values") so lookups compare like with like, and computed here only, so the stored
 * columns, the search index and the query side can never disagree.
 */

/**
 * Bump when any function below changes what it returns for stored values: on the next open
 * every client's *_norm columns and search document are recomputed (see reindexAllClients),
 * so rows typed under the old rules are found under the new ones.
 * 1: issue #11 — letters with no accent to strip (ł ø ß æ þ ı đ œ), UK phone prefixes.
 */
export const CLIENT_SEARCH_VERSION = 1

/**
 * Text folded to plain lower-case ASCII letters for comparison: "Michał Białek" ->
 * "michal bialek", "Søren" -> "soren", "Straße" -> "strasse", "Þór" -> "thor", "Işık" ->
 * "isik", "Νίκος" -> "nikos". Stripping accents (NFKD) alone leaves ł, ø, ß, æ, þ, ı, đ, œ
 * untouched, so "bialek" never found Białek; any-ascii (ISC licence, anyascii.com) is a
 * maintained per-character transliteration table covering every script. Apostrophes kept.
 */
export function foldText(value: string): string {
  return anyAscii(value.normalize('NFC')).toLowerCase()
}

/** "Zoë O’Brien-Smith" -> "zoe obrien smith": apostrophes vanish, other marks split words. */
export function normaliseName(value: string): string {
  return foldText(value)
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** "de la mare", "smith jones" -> "delamare", "smithjones": a surname typed run together. */
function compactName(norm: string): string {
  return norm.replace(/ /g, '')
}

/**
 * THE phone key for matching (stored columns, search, duplicate checks and imports all use
 * it): the digits that identify a number whatever way it was written. UK numbers lose the
 * country code and the trunk 0 in any combination people write: "07911 123456",
 * "+44 7911 123456", "+44 (0)7911 123456", "0044 7911-123-456", "+44 07911.123.456",
 * "(07911) 123456", "447911123456" all give "7911123456". Other countries keep their calling
 * code without the trunk 0 ("+33 (0)6 12 34 56 78" -> "33612345678"). A fragment ("+44 7911",
 * "123 456") gets the same treatment, so a search compares it with stored keys; a fragment
 * never gains digits, so that only ever widens a substring match.
 * Deliberately independent of the numbering metadata's known ranges: a newly allocated UK
 * range must match exactly like an old one.
 */
export function normalisePhone(value: string): string {
  let digits = value.replace(/\D/g, '')
  if (digits === '') return ''
  const plus = /^[\s(]*\+/.test(value)
  const doubleZero = !plus && digits.startsWith('00')
  if (doubleZero) digits = digits.slice(2)
  const international = plus || doubleZero
  // "44 7911 123456" without a plus: a UK national number is 10 digits after its trunk 0,
  // so 44 followed by exactly 10 more (or 0 and 10) can only be the country code.
  const bareUk = !international && /^44(0?[1-9]\d{9})$/.test(digits)
  if ((international || bareUk) && digits.startsWith('44')) return digits.slice(2).replace(/^0/, '')
  if (international) {
    // Another country: the metadata knows where the calling code ends and drops "(0)".
    const parsed = parsePhoneNumberFromString(`+${digits}`)
    const withTrunk = parsePhoneNumberFromString(value.replace(/^[\s(]*00/, '+'))
    const best = withTrunk?.isPossible() ? withTrunk : parsed?.isPossible() ? parsed : undefined
    return best ? `${best.countryCallingCode}${best.nationalNumber}` : digits
  }
  return digits.replace(/^0/, '')
}

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase()
}

export function normalisePostcode(value: string): string {
  return value.replace(/\s+/g, '').toLowerCase()
}

/** The typed columns the search columns and the index are computed from. */
export const SEARCHABLE_COLUMNS = [
  'first_name',
  'last_name',
  'preferred_name',
  'mobile',
  'other_phone',
  'email',
  'postcode',
] as const

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
  return foldText(value).trim()
}

/**
 * The trigram index's document for one client. Names appear folded as typed (lower-cased,
 * apostrophes and hyphens kept), normalised, and run together, so "o'brien", "obrien",
 * "smith-jones", "smithjones" and "delamare" all find the client.
 */
export function searchDocument(c: SearchableClient): {
  names: string
  contact: string
  phones: string
} {
  const n = normalisedColumns(c)
  const names = [c.first_name, c.preferred_name, c.last_name].map(lowerPlain)
  const normNames = [n.first_name_norm, n.preferred_name_norm, n.last_name_norm]
  const compact = normNames.map(compactName)
  const allNames = [...new Set([...names, ...normNames, ...compact].filter(Boolean))]
  return {
    names: allNames.join(' '),
    contact: [n.email_norm, c.postcode.toLowerCase(), n.postcode_norm].filter(Boolean).join(' '),
    phones: [n.mobile_norm, n.other_phone_norm].filter(Boolean).join(' '),
  }
}
