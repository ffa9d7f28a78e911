import type { Kysely } from 'kysely'
import type { ClientValues, Duplicate } from '../../../shared/contract/clients'
import type { ImportMapping, ImportProblem, ImportReport } from '../../../shared/contract/imports'
import type { DB } from '../../db/schema'
import { displayNameOf } from '../clients/client-record'
import { swappedDayMonth } from '../clients/duplicates'
import { normaliseEmail, normaliseName, normalisePhone } from '../clients/normalise'
import { DomainError } from '../domain-error'
import type { ParsedCsv } from './csv-parse'
import { mapRow } from './import-rows'
import { yielder } from '../../db/bulk-insert'

// Stage 2 of a clients import, checking: every row mapped to a client, refused with reasons,
// or flagged as a possible duplicate of a client already in Plinth or of an earlier row.

const CHUNK = 500
/**
 * Keys a lookup statement: each is an index seek or two, and a statement runs on main in one
 * piece. Right after a restore (a cold page cache, every page read decrypted) 500 rows'
 * contacts in one statement held main's event loop 200–400 ms (issue 19); 100 keys or 50
 * pairs is tens of milliseconds cold, and the loop turns between statements.
 */
const KEYS_PER_QUERY = 100
const PAIRS_PER_QUERY = 50
const MAX_PROBLEMS = 1000

export interface CheckedRow {
  line: number
  client: ClientValues
  importRef: string | null
  archivedAt: string | null
  duplicate: boolean
}

/** Errors: 'rule_broken' naming the mapping field at fault. */
export function assertClientMapping(headers: string[], mapping: ImportMapping): void {
  if (!mapping.firstName || !mapping.lastName) {
    throw new DomainError('rule_broken', 'Choose the columns holding first and last names.', [
      { path: 'mapping.firstName', message: 'Choose the column with first names' },
    ])
  }
  for (const header of Object.values(mapping)) {
    if (header && !headers.includes(header)) {
      throw new DomainError('rule_broken', `The file has no column called "${header}".`)
    }
  }
}

/**
 * Checks a clients file in chunks of 500 rows, letting the event loop turn every 10 ms of
 * work (`progress` gets 0–99). Duplicates of existing clients are looked up per chunk through the
 * clients table's indexes, never by loading every client (1.2 GB at a million clients).
 */
export async function checkClientRows(
  db: Kysely<DB>,
  file: ParsedCsv,
  mapping: ImportMapping,
  now: () => Date,
  progress: (percent: number) => void,
): Promise<{ rows: CheckedRow[]; report: ImportReport }> {
  const columnOf = new Map(file.headers.map((h, i) => [h, i]))
  const problems: ImportProblem[] = []
  const rows: CheckedRow[] = []
  let errors = 0
  let duplicates = 0
  let warnings = 0
  const seenContacts = new Map<string, number>()
  const note = (p: ImportProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p)
  }

  // Mapping a row (the client form's schema, three phone checks) costs up to a millisecond
  // on a busy machine: 500 of them at once held main's event loop for half a second.
  const pause = yielder(CHUNK)
  for (let start = 0; start < file.rows.length; start += CHUNK) {
    const chunk: { line: number; result: ReturnType<typeof mapRow> }[] = []
    for (const [i, { line, cells }] of file.rows.slice(start, start + CHUNK).entries()) {
      chunk.push({ line, result: mapRow(file.headers, cells, mapping, columnOf, now()) })
      await pause(start + i + 1)
    }
    const existing = await ExistingClients.matching(
      db,
      chunk.flatMap(({ result }) => (result.client ? [result.client] : [])),
    )
    for (const { line, result } of chunk) {
      if (!result.client) {
        errors += 1
        note({ line, name: result.name, kind: 'error', reasons: result.errors })
        continue
      }
      const c = result.client
      const reasons: string[] = []
      reasons.push(...existing.matches(c))
      // Within the file: the same e-mail or phone on an earlier row.
      for (const key of [
        c.email ? `e:${normaliseEmail(c.email)}` : '',
        normalisePhone(c.mobile).length >= 6 ? `p:${normalisePhone(c.mobile)}` : '',
      ]) {
        if (!key) continue
        const earlier = seenContacts.get(key)
        if (earlier !== undefined) {
          reasons.push(`Same ${key.startsWith('e:') ? 'e-mail' : 'phone'} as line ${earlier}`)
        } else seenContacts.set(key, line)
      }
      const duplicate = reasons.length > 0
      if (duplicate) {
        duplicates += 1
        note({ line, name: result.name, kind: 'duplicate', reasons })
      } else if (result.warnings.length > 0) {
        warnings += 1
        note({ line, name: result.name, kind: 'warning', reasons: result.warnings })
      }
      rows.push({
        line,
        client: c,
        importRef: result.importRef,
        archivedAt: result.archivedAt,
        duplicate,
      })
    }
    progress(Math.min(99, Math.round(((start + CHUNK) / file.rows.length) * 100)))
  }
  return {
    rows,
    report: {
      total: file.rows.length,
      ready: rows.length - duplicates,
      duplicates,
      errors,
      warnings,
      problems,
    },
  }
}

type Reason = Duplicate['reasons'][number]

/**
 * The duplicate rules of services/clients/duplicates.ts (same phone, same e-mail, same
 * surname and birthday, or that birthday with day and month swapped) for one chunk of rows:
 * the clients the chunk could match are read once through the indexes on mobile_norm,
 * other_phone_norm, email_norm and (last_name_norm, date_of_birth), then matched in memory.
 * findDuplicates' per-row OR across columns cost ~15 ms a row on 20,000 clients.
 */
class ExistingClients {
  #phones = new Map<string, number[]>()
  #emails = new Map<string, number[]>()
  #surnameDobs = new Map<string, number[]>()
  #names = new Map<number, string>()

  static async matching(db: Kysely<DB>, candidates: ClientValues[]): Promise<ExistingClients> {
    const phones = new Set<string>()
    const emails = new Set<string>()
    // Surname and birthday as pairs: "surname IN (...) AND birthday IN (...)" made the index
    // try every surname with every birthday of the chunk (~400 × 800 seeks, half a second
    // of main's event loop a chunk at 100,000 clients; issue 19).
    const surnameDobs = new Map<string, [string, string]>()
    for (const c of candidates) {
      for (const p of [normalisePhone(c.mobile), normalisePhone(c.otherPhone)]) {
        if (p.length >= 6) phones.add(p)
      }
      if (c.email) emails.add(normaliseEmail(c.email))
      if (c.dateOfBirth) {
        const surname = normaliseName(c.lastName)
        for (const dob of [c.dateOfBirth, swappedDayMonth(c.dateOfBirth)]) {
          if (dob) surnameDobs.set(`${surname}|${dob}`, [surname, dob])
        }
      }
    }
    const known = new ExistingClients()
    if (phones.size + emails.size + surnameDobs.size === 0) return known
    const select = () =>
      db
        .selectFrom('clients')
        .select([
          'id',
          'title',
          'first_name',
          'last_name',
          'preferred_name',
          'mobile_norm',
          'other_phone_norm',
          'email_norm',
          'last_name_norm',
          'date_of_birth',
        ])
        .where('merged_into_id', 'is', null)
    const found = new Map<number, Awaited<ReturnType<ReturnType<typeof select>['execute']>>[0]>()
    const pause = yielder(Number.MAX_SAFE_INTEGER)
    let statements = 0
    const contacts: ['phone' | 'email', string][] = [
      ...[...phones].map((p) => ['phone', p] as ['phone', string]),
      ...[...emails].map((e) => ['email', e] as ['email', string]),
    ]
    for (let i = 0; i < contacts.length; i += KEYS_PER_QUERY) {
      const batch = contacts.slice(i, i + KEYS_PER_QUERY)
      const batchPhones = batch.flatMap(([kind, key]) => (kind === 'phone' ? [key] : []))
      const batchEmails = batch.flatMap(([kind, key]) => (kind === 'email' ? [key] : []))
      const people = await select()
        .where((eb) => {
          const or = []
          if (batchPhones.length > 0) {
            or.push(eb('mobile_norm', 'in', batchPhones), eb('other_phone_norm', 'in', batchPhones))
          }
          if (batchEmails.length > 0) or.push(eb('email_norm', 'in', batchEmails))
          return eb.or(or)
        })
        .execute()
      for (const r of people) found.set(r.id, r)
      await pause(++statements)
    }
    // Each pair is one seek of clients_last_dob (SQLite's multi-index OR).
    const pairs = [...surnameDobs.values()]
    for (let i = 0; i < pairs.length; i += PAIRS_PER_QUERY) {
      const batch = pairs.slice(i, i + PAIRS_PER_QUERY)
      const people = await select()
        .where((eb) =>
          eb.or(
            batch.map(([surname, dob]) =>
              eb.and([eb('last_name_norm', '=', surname), eb('date_of_birth', '=', dob)]),
            ),
          ),
        )
        .execute()
      for (const r of people) found.set(r.id, r)
      await pause(++statements)
    }
    const rows = [...found.values()].sort((a, b) => a.id - b.id)
    const add = (map: Map<string, number[]>, key: string, id: number) => {
      const list = map.get(key)
      if (list) list.push(id)
      else map.set(key, [id])
    }
    for (const r of rows) {
      known.#names.set(r.id, displayNameOf(r))
      if (r.mobile_norm.length >= 6) add(known.#phones, r.mobile_norm, r.id)
      if (r.other_phone_norm.length >= 6 && r.other_phone_norm !== r.mobile_norm) {
        add(known.#phones, r.other_phone_norm, r.id)
      }
      if (r.email_norm) add(known.#emails, r.email_norm, r.id)
      if (r.date_of_birth) add(known.#surnameDobs, `${r.last_name_norm}|${r.date_of_birth}`, r.id)
    }
    return known
  }

  /** "Already a client: Aisha Khan (email)" for each match, at most three. */
  matches(c: ClientValues): string[] {
    const found = new Map<number, Reason[]>()
    const note = (ids: number[] | undefined, reason: Reason) => {
      for (const id of ids ?? []) {
        const reasons = found.get(id) ?? []
        if (!reasons.includes(reason)) reasons.push(reason)
        found.set(id, reasons)
      }
    }
    for (const phone of new Set([normalisePhone(c.mobile), normalisePhone(c.otherPhone)])) {
      if (phone.length >= 6) note(this.#phones.get(phone), 'phone')
    }
    if (c.email) note(this.#emails.get(normaliseEmail(c.email)), 'email')
    if (c.dateOfBirth) {
      const surname = normaliseName(c.lastName)
      note(this.#surnameDobs.get(`${surname}|${c.dateOfBirth}`), 'surname-dob')
      const swapped = swappedDayMonth(c.dateOfBirth)
      if (swapped) note(this.#surnameDobs.get(`${surname}|${swapped}`), 'surname-dob-swapped')
    }
    return [...found]
      .slice(0, 3)
      .map(([id, reasons]) => `Already a client: ${this.#names.get(id)} (${reasons.join(', ')})`)
  }
}
