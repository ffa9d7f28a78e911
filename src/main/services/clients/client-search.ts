import { sql, type Kysely, type RawBuilder } from 'kysely'
import { SEARCH_MIN_FULL, type SearchResult } from '../../../shared/contract/clients'
import type { DB } from '../../db/schema'
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './client-record'
import { normaliseName, normalisePostcode, phoneQueryDigits } from './normalise'

/**
 * What reception typed, read the way they meant it. Three or more characters search
 * everywhere (names anywhere in the word, phones in any format or by their last digits,
 * e-mail, postcode); a dd/mm/yyyy date finds a date of birth; one or two characters can
 * only sensibly be the start of a name, so that is all they match.
 */
export type SearchPlan =
  | { kind: 'empty' }
  | { kind: 'dob'; iso: string }
  | { kind: 'phone'; digits: string }
  | { kind: 'names'; prefix: string }
  | { kind: 'text'; whole: string; name: string; long: string[]; short: string[] }

const DOB = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/
const PHONE_LIKE = /^[\d\s()+.-]+$/

function plainLower(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()
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
    return { kind: 'phone', digits: phoneQueryDigits(trimmed) }
  }
  const whole = plainLower(trimmed)
  const tokens = whole.split(' ')
  const long = tokens.filter((t) => t.length >= SEARCH_MIN_FULL)
  if (whole.length < SEARCH_MIN_FULL || long.length === 0) {
    return { kind: 'names', prefix: normaliseName(tokens[0]!) }
  }
  const short = tokens.filter((t) => t.length < SEARCH_MIN_FULL).map(normaliseName)
  return { kind: 'text', whole, name: normaliseName(whole), long, short: short.filter(Boolean) }
}

/** An FTS5 phrase: the text in double quotes, quotes doubled, so nothing is an operator. */
function phrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

function startsWith(column: RawBuilder<unknown>, text: string): RawBuilder<unknown> {
  return sql`substr(${column}, 1, ${text.length}) = ${text}`
}

const c = (column: string) => sql.ref(`c.${column}`)
const fullName = sql`(c.first_name_norm || ' ' || c.last_name_norm)`

export interface SearchOptions {
  query: string
  includeArchived: boolean
  limit: number
}

/**
 * The phone-call lookup. Ranked: exact matches, then prefixes, then anything containing
 * the text; within a rank by surname, first name. Merged-away records never appear;
 * archived ones only when asked for.
 */
export async function searchClients(
  db: Kysely<DB>,
  { query, includeArchived, limit }: SearchOptions,
  now: Date,
): Promise<SearchResult> {
  const plan = planSearch(query)
  if (plan.kind === 'empty') return { mode: 'empty', results: [] }
  if (
    (plan.kind === 'phone' && plan.digits.length < SEARCH_MIN_FULL) ||
    (plan.kind === 'names' && plan.prefix === '')
  ) {
    return { mode: 'names', results: [] }
  }

  let from: RawBuilder<unknown>
  let where: RawBuilder<unknown>
  let rank: RawBuilder<unknown>
  switch (plan.kind) {
    case 'dob':
      from = sql`clients c`
      where = sql`c.date_of_birth = ${plan.iso}`
      rank = sql`0`
      break
    case 'phone': {
      const d = plan.digits
      from = sql`clients_search s JOIN clients c ON c.id = s.rowid`
      where = sql`clients_search MATCH ${`phones : ${phrase(d)}`}`
      rank = sql`CASE
        WHEN c.mobile_norm = ${d} OR c.other_phone_norm = ${d} THEN 0
        WHEN substr(c.mobile_norm, -${d.length}) = ${d}
          OR substr(c.other_phone_norm, -${d.length}) = ${d}
          OR ${startsWith(c('mobile_norm'), d)} OR ${startsWith(c('other_phone_norm'), d)} THEN 1
        ELSE 2 END`
      break
    }
    case 'names': {
      const p = plan.prefix
      from = sql`clients c`
      where = sql.join(
        ['first_name_norm', 'last_name_norm', 'preferred_name_norm'].map((col) =>
          prefixRange(c(col), p),
        ),
        sql` OR `,
      )
      rank = sql`CASE WHEN c.first_name_norm = ${p} OR c.last_name_norm = ${p}
        OR c.preferred_name_norm = ${p} THEN 0 ELSE 1 END`
      break
    }
    case 'text': {
      const { whole, name, long, short } = plan
      const compact = normalisePostcode(whole)
      from = sql`clients_search s JOIN clients c ON c.id = s.rowid`
      const shortFilters = short.map(
        (t) =>
          sql`(${startsWith(c('first_name_norm'), t)} OR ${startsWith(c('last_name_norm'), t)}
            OR ${startsWith(c('preferred_name_norm'), t)})`,
      )
      where = sql.join(
        [sql`clients_search MATCH ${long.map(phrase).join(' AND ')}`, ...shortFilters],
        sql` AND `,
      )
      rank = sql`CASE
        WHEN c.first_name_norm = ${name} OR c.last_name_norm = ${name}
          OR c.preferred_name_norm = ${name} OR ${fullName} = ${name}
          OR c.email_norm = ${whole} OR c.postcode_norm = ${compact} THEN 0
        WHEN ${startsWith(c('first_name_norm'), name)} OR ${startsWith(c('last_name_norm'), name)}
          OR ${startsWith(c('preferred_name_norm'), name)} OR ${startsWith(fullName, name)}
          OR ${startsWith(c('email_norm'), whole)} OR ${startsWith(c('postcode_norm'), compact)}
          THEN 1
        ELSE 2 END`
      break
    }
  }

  const columns = sql.join(SUMMARY_COLUMNS.map((col) => c(col)))
  const archived = includeArchived ? sql`` : sql`AND c.archived_at IS NULL`
  const rows = await sql<SummaryRow & { rank: number }>`
    SELECT ${columns}, ${rank} AS rank
    FROM ${from}
    WHERE (${where}) AND c.merged_into_id IS NULL ${archived}
    ORDER BY rank, c.last_name_norm, c.first_name_norm, c.id
    LIMIT ${limit}`.execute(db)
  return {
    mode: plan.kind === 'names' ? 'names' : 'full',
    results: rows.rows.map((row) => toSummary(row, now)),
  }
}

/** "starts with p" as a range, so the column's index can answer it (LIKE would not). */
function prefixRange(column: RawBuilder<unknown>, p: string): RawBuilder<unknown> {
  const upper = p.slice(0, -1) + String.fromCodePoint(p.codePointAt(p.length - 1)! + 1)
  return sql`(${column} >= ${p} AND ${column} < ${upper})`
}
