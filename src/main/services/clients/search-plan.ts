import type { SearchPlan } from '../../db/client-search-sql'
import { SEARCH_MIN_FULL } from '../../../shared/contract/clients'
import { foldText, normaliseName, normalisePhone, normalisePostcode } from './normalise'

export type { SearchPlan }

const DOB = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/
const PHONE_LIKE = /^[\d\s()+.-]+$/

function plainLower(value: string): string {
  return foldText(value).replace(/\s+/g, ' ').trim()
}

export function planSearch(query: string): SearchPlan {
  const trimmed = query.trim()
  if (trimmed === '') return { kind: 'empty' }
  const dob = DOB.exec(trimmed)
  if (dob) {
    const iso = `${dob[3]}-${dob[2]!.padStart(2, '0')}-${dob[1]!.padStart(2, '0')}`
    return { kind: 'dob', iso }
  }
  if (PHONE_LIKE.test(trimmed) && /\d/.test(trimmed)) {
    return { kind: 'phone', digits: normalisePhone(trimmed) }
  }
  const whole = plainLower(trimmed)
  const tokens = whole.split(' ')
  const long = tokens.filter((t) => t.length >= SEARCH_MIN_FULL)
  if (whole.length < SEARCH_MIN_FULL || long.length === 0) {
    // "de la", "van d": the start of a multi-word surname, as well as a first word.
    return { kind: 'names', prefix: normaliseName(tokens[0]!), phrase: normaliseName(whole) }
  }
  const short = tokens.filter((t) => t.length < SEARCH_MIN_FULL).map(normaliseName)
  // Words are what was typed between spaces: "juan_h" (an e-mail) is one word.
  return {
    kind: 'text',
    whole,
    name: normaliseName(whole),
    long,
    short: short.filter(Boolean),
    postcode: normalisePostcode(whole),
    first: normaliseName(tokens[0]!),
    rest: normaliseName(tokens.slice(1).join(' ')),
    words: tokens.length,
  }
}
