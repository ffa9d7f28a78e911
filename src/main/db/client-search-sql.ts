import { sql, type RawBuilder } from 'kysely'
import { SEARCH_MIN_FULL } from '../../shared/contract/clients'

// The client lookup's SQL: tiers of small index-ordered queries over clients and the FTS5
// trigram index clients_search, one UNION ALL statement per search. How the typed text is
// read into a SearchPlan is services/clients/search-plan.ts; running it and shaping the
// answer is services/clients/client-search.ts.

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
  | { kind: 'names'; prefix: string; phrase: string }
  | {
      kind: 'text'
      whole: string
      name: string
      long: string[]
      short: string[]
      /** `whole` as a postcode is stored (no spaces, upper case folded). */
      postcode: string
      /** The first word typed and the rest, each normalised as a name ('' when none). */
      first: string
      rest: string
      words: number
    }

/** An FTS5 phrase: the text in double quotes, quotes doubled, so nothing is an operator. */
function phrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

function startsWith(column: RawBuilder<unknown>, text: string): RawBuilder<unknown> {
  return sql`substr(${column}, 1, ${text.length}) = ${text}`
}

/** "starts with p" as a range, so the column's index can answer it (LIKE would not). */
function prefixRange(column: RawBuilder<unknown>, p: string): RawBuilder<unknown> {
  const upper = p.slice(0, -1) + String.fromCodePoint(p.codePointAt(p.length - 1)! + 1)
  return sql`(${column} >= ${p} AND ${column} < ${upper})`
}

const c = (column: string) => sql.ref(`c.${column}`)
const LAST_FIRST = [c('last_name_norm'), c('first_name_norm')] as const
const FIRST_LAST = [c('first_name_norm'), c('last_name_norm')] as const
const PREFERRED_LAST = [c('preferred_name_norm'), c('last_name_norm')] as const

/**
 * How many rows of a full-text match the "contains" tier looks at. Three common letters
 * ("son") match thousands of clients; ranking them all cost 11 ms p95 at 100,000 clients,
 * over the 5 ms budget. Exact and prefix matches come from their own index ranges, so only
 * the order *within* the "contains" tier is approximate past this many.
 */
export const CONTAINS_CANDIDATES = 200

export interface SearchOptions {
  query: string
  includeArchived: boolean
  limit: number
}

/** A row of the statement: the summary columns asked for, and the tier's rank and keys. */
export type SearchRow<Summary> = Summary & { rank: number; k1: string; k2: string }

interface Tier {
  from?: RawBuilder<unknown>
  where: RawBuilder<unknown>
  /** The order within the tier: an index's order where one exists, so LIMIT stops early. */
  order: readonly [RawBuilder<unknown>, RawBuilder<unknown>]
}

function ftsCandidates(match: string): RawBuilder<unknown> {
  return sql`(SELECT rowid AS id FROM clients_search WHERE clients_search MATCH ${match}
              LIMIT ${CONTAINS_CANDIDATES}) m JOIN clients c ON c.id = m.id`
}

/**
 * The "contains" tier for several words ("alexander pearson"): the candidates of one word
 * (the longest, usually the rarest) from the index, and the other words looked for in each
 * candidate's indexed text. Asking the index for all the words at once (`"a" AND "b"`) made
 * it walk every document of both to their ends whenever fewer than CONTAINS_CANDIDATES
 * match both: 3.4 ms median, 8 ms p95 at 1,000,000 clients, growing with the clinic
 * (issue 19); this reads at most CONTAINS_CANDIDATES documents (0.5 / 1.2 ms). The same
 * answer while the longest word has no more candidates than that; past it, this tier (the
 * last, after exact and prefix matches of the names) sees a sample, as for a single word.
 * The indexed text is folded and lower-case (normalise.ts searchDocument), as are the words,
 * and a trigram phrase is a substring: instr() gives what MATCH would.
 */
function ftsCandidatesWithAll(words: readonly string[]): {
  from: RawBuilder<unknown>
  where: RawBuilder<unknown>[]
} {
  const at = words.reduce((best, w, i) => (w.length > words[best]!.length ? i : best), 0)
  const anchor = words[at]!
  // One word: its candidates are the answer, and no text to look in.
  if (words.length === 1) return { from: ftsCandidates(phrase(anchor)), where: [] }
  return {
    from: sql`(SELECT rowid AS id, names || ' ' || contact || ' ' || phones AS doc
               FROM clients_search WHERE clients_search MATCH ${phrase(anchor)}
               LIMIT ${CONTAINS_CANDIDATES}) m JOIN clients c ON c.id = m.id`,
    where: words.filter((_, i) => i !== at).map((w) => sql`instr(m.doc, ${w}) > 0`),
  }
}

/**
 * Exact surname, then exact first name, then exact preferred name: three tiers rather than
 * one OR, so each reads its index in order and stops at the page size even for "smith"
 * (thousands of rows in a big clinic, which an OR would have to sort).
 */
function exactNameTiers(name: string): Tier[] {
  return [
    { where: sql`c.last_name_norm = ${name}`, order: LAST_FIRST },
    { where: sql`c.first_name_norm = ${name}`, order: FIRST_LAST },
    { where: sql`c.preferred_name_norm = ${name}`, order: PREFERRED_LAST },
  ]
}

function tiersOf(plan: Exclude<SearchPlan, { kind: 'empty' }>): Tier[] {
  switch (plan.kind) {
    case 'dob':
      return [{ where: sql`c.date_of_birth = ${plan.iso}`, order: LAST_FIRST }]
    case 'phone': {
      const d = plan.digits
      const endsWith = sql`(substr(c.mobile_norm, -${d.length}) = ${d}
        OR substr(c.other_phone_norm, -${d.length}) = ${d})`
      return [
        { where: sql`c.mobile_norm = ${d} OR c.other_phone_norm = ${d}`, order: LAST_FIRST },
        { where: prefixRange(c('mobile_norm'), d), order: [c('mobile_norm'), c('id')] },
        { where: prefixRange(c('other_phone_norm'), d), order: [c('other_phone_norm'), c('id')] },
        // The last digits are what callers most often read out: endings before the middle.
        {
          from: ftsCandidates(`phones : ${phrase(d)}`),
          where: sql`1 = 1`,
          order: [sql`CASE WHEN ${endsWith} THEN 0 ELSE 1 END`, c('last_name_norm')],
        },
      ]
    }
    case 'names': {
      const p = plan.prefix
      const multiWord = plan.phrase.includes(' ')
      return [
        ...(multiWord
          ? [
              { where: sql`c.last_name_norm = ${plan.phrase}`, order: LAST_FIRST },
              { where: prefixRange(c('last_name_norm'), plan.phrase), order: LAST_FIRST },
            ]
          : []),
        ...exactNameTiers(p),
        { where: prefixRange(c('last_name_norm'), p), order: LAST_FIRST },
        { where: prefixRange(c('first_name_norm'), p), order: FIRST_LAST },
        { where: prefixRange(c('preferred_name_norm'), p), order: PREFERRED_LAST },
      ]
    }
    case 'text': {
      const { whole, name, long, short, postcode: compact, first, rest } = plan
      // A short word ("de", "la", "o") must start a word of a name, not the whole field:
      // "de la mare" is one surname with three words. Only ever run on the FTS candidates.
      const allNameWords = sql`(' ' || c.first_name_norm || ' ' || c.last_name_norm || ' '
        || c.preferred_name_norm)`
      const shortFilters = short.map((t) => sql`instr(${allNameWords}, ${' ' + t}) > 0`)
      const candidates = ftsCandidatesWithAll(long)
      const filters = [...candidates.where, ...shortFilters]
      const contains: Tier = {
        from: candidates.from,
        where: filters.length > 0 ? sql.join(filters, sql` AND `) : sql`1 = 1`,
        order: LAST_FIRST,
      }
      const contactExact = sql`c.email_norm = ${whole} OR c.postcode_norm = ${compact}`
      const contactPrefix: Tier[] = [
        { where: prefixRange(c('email_norm'), whole), order: [c('email_norm'), c('id')] },
        { where: prefixRange(c('postcode_norm'), compact), order: [c('postcode_norm'), c('id')] },
      ]
      if (plan.words === 1 || !first || !rest) {
        return [
          ...(name ? exactNameTiers(name) : []),
          { where: contactExact, order: LAST_FIRST },
          ...(name
            ? [
                { where: prefixRange(c('last_name_norm'), name), order: LAST_FIRST },
                { where: prefixRange(c('first_name_norm'), name), order: FIRST_LAST },
                { where: prefixRange(c('preferred_name_norm'), name), order: PREFERRED_LAST },
              ]
            : []),
          ...contactPrefix,
          contains,
        ]
      }
      // "bob smi": a first (or preferred) name, then the start of the surname. Each tier is
      // one index range: (first, last) and (preferred, last) with the first name exact, or
      // (last, first) when the surname part is long enough to be selective. Before them, the
      // whole text as a multi-word surname ("de la mare", "van der berg").
      return [
        { where: sql`c.last_name_norm = ${name}`, order: LAST_FIRST },
        {
          where: sql`c.last_name_norm = ${rest} AND c.first_name_norm = ${first}`,
          order: LAST_FIRST,
        },
        {
          where: sql`c.last_name_norm = ${rest} AND c.preferred_name_norm = ${first}`,
          order: LAST_FIRST,
        },
        { where: contactExact, order: LAST_FIRST },
        {
          where: sql`c.first_name_norm = ${first} AND ${prefixRange(c('last_name_norm'), rest)}`,
          order: LAST_FIRST,
        },
        {
          where: sql`c.preferred_name_norm = ${first}
                     AND ${prefixRange(c('last_name_norm'), rest)}`,
          order: LAST_FIRST,
        },
        ...(rest.length >= SEARCH_MIN_FULL
          ? [
              {
                where: sql`${prefixRange(c('last_name_norm'), rest)}
                           AND ${startsWith(c('first_name_norm'), first)}`,
                order: LAST_FIRST,
              },
            ]
          : []),
        { where: prefixRange(c('last_name_norm'), name), order: LAST_FIRST },
        ...contactPrefix,
        contains,
      ]
    }
  }
}

/**
 * The lookup's one SQL statement for a plan, or null when the plan cannot match anything.
 * Each tier (exact, then prefixes, then contains) is its own small index-ordered query with
 * a LIMIT, so the cost is bounded by the page size rather than by how many clients match.
 * Exposed so the bench can run exactly the same statement through raw better-sqlite3.
 */
export function searchStatement<Summary extends { id: number }>(
  plan: SearchPlan,
  { includeArchived, limit }: Omit<SearchOptions, 'query'>,
  summaryColumns: readonly string[],
): RawBuilder<SearchRow<Summary>> | null {
  if (plan.kind === 'empty') return null
  if (
    (plan.kind === 'phone' && plan.digits.length < SEARCH_MIN_FULL) ||
    (plan.kind === 'names' && plan.prefix === '')
  ) {
    return null
  }
  const columns = sql.join(summaryColumns.map((col) => c(col)))
  const live = includeArchived
    ? sql`c.merged_into_id IS NULL`
    : sql`c.merged_into_id IS NULL AND c.archived_at IS NULL`
  const selects = tiersOf(plan).map(
    ({ from = sql`clients c`, where, order: [k1, k2] }, rank) => sql`
      SELECT * FROM (
        SELECT ${columns}, ${rank} AS rank, ${k1} AS k1, ${k2} AS k2
        FROM ${from}
        WHERE (${where}) AND ${live}
        ORDER BY k1, k2
        LIMIT ${limit})`,
  )
  return sql<SearchRow<Summary>>`${sql.join(selects, sql` UNION ALL `)} ORDER BY rank, k1, k2, id`
}
