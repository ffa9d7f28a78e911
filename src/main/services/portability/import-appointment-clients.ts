import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { displayNameOf } from '../clients/client-record'
import { normaliseEmail, normaliseName, normalisePhone } from '../clients/normalise'
import { parseImportDate } from './import-dates'

// Which client an appointments row means: by the old system's reference, e-mail, phone, or
// name (with the date of birth when two share a name), over every client held once in memory.

export const key = (value: string) => value.trim().toLowerCase().replace(/\s+/g, ' ')

interface KnownClient {
  id: number
  name: string
  /** "first last" and "preferred last", normalised. */
  nameKeys: string[]
  last: string
  dob: string
  archived: boolean
}

/** Every client once, indexed the ways a row can point at one. */
export class ClientIndex {
  byId = new Map<number, KnownClient>()
  byRef = new Map<string, KnownClient[]>()
  byEmail = new Map<string, KnownClient[]>()
  byPhone = new Map<string, KnownClient[]>()
  byName = new Map<string, KnownClient[]>()

  static async load(db: Kysely<DB>): Promise<ClientIndex> {
    const rows = await db
      .selectFrom('clients')
      .select([
        'id',
        'title',
        'first_name',
        'last_name',
        'preferred_name',
        'date_of_birth',
        'email_norm',
        'mobile_norm',
        'other_phone_norm',
        'import_ref',
        'archived_at',
        'merged_into_id',
      ])
      .execute()
    const index = new ClientIndex()
    const merged = new Map<number, number>()
    const add = (map: Map<string, KnownClient[]>, k: string, c: KnownClient) => {
      const list = map.get(k)
      if (list) list.push(c)
      else map.set(k, [c])
    }
    for (const r of rows) {
      if (r.merged_into_id !== null) {
        merged.set(r.id, r.merged_into_id)
        continue
      }
      const last = normaliseName(r.last_name)
      const client: KnownClient = {
        id: r.id,
        name: displayNameOf(r),
        nameKeys: [
          `${normaliseName(r.first_name)} ${last}`,
          ...(r.preferred_name ? [`${normaliseName(r.preferred_name)} ${last}`] : []),
        ],
        last,
        dob: r.date_of_birth,
        archived: r.archived_at !== null,
      }
      index.byId.set(r.id, client)
      if (r.import_ref) add(index.byRef, r.import_ref, client)
      if (r.email_norm) add(index.byEmail, r.email_norm, client)
      if (r.mobile_norm.length >= 6) add(index.byPhone, r.mobile_norm, client)
      if (r.other_phone_norm.length >= 6 && r.other_phone_norm !== r.mobile_norm) {
        add(index.byPhone, r.other_phone_norm, client)
      }
      for (const k of client.nameKeys) add(index.byName, k, client)
    }
    // An id of a client merged since points at the record it was merged into.
    for (const [from, into] of merged) {
      let target = into
      for (let hops = 0; merged.has(target) && hops < 20; hops++) target = merged.get(target)!
      const kept = index.byId.get(target)
      if (kept) index.byId.set(from, kept)
    }
    return index
  }

  /**
   * The row's client: by id (the old system's id kept by the client import, then Plinth's
   * own number), e-mail, phone, then name with date of birth; a name alone only when exactly
   * one client has it, flagged. A name on the row must agree with the client found.
   */
  find(
    cells: {
      ref: string
      name: string
      email: string
      phone: string
      dob: string
    },
    /** The import's clock, for a two-digit birth year's century. */
    now: Date,
  ): { client: KnownClient; warning: string | null } | { error: string } {
    const nameKey = normaliseName(cells.name)
    // "Mrs A. Khan" agrees with Aisha Khan: the surname is what must not differ.
    const agrees = (c: KnownClient) =>
      !nameKey || c.nameKeys.includes(nameKey) || ` ${nameKey}`.endsWith(` ${c.last}`)
    const one = (list: KnownClient[] | undefined, how: string) => {
      if (!list || list.length === 0) return null
      const matching = list.filter(agrees)
      if (matching.length === 1) return { client: matching[0]!, warning: null }
      if (matching.length > 1) {
        return { error: `${matching.length} clients have this ${how}; add the date of birth` }
      }
      return {
        error: `The ${how} belongs to ${list[0]!.name}, but the row says ${cells.name.trim()}`,
      }
    }
    // What the row gave that matched no one: said in the answer, so the fix asked for is not
    // "add an e-mail" to a row that has one (a user trial: a mistyped e-mail, 9 Grace Smiths).
    const unmatched: string[] = []
    if (cells.ref) {
      const byRef = one(this.byRef.get(cells.ref), 'ID')
      if (byRef) return byRef
      if (/^\d+$/.test(cells.ref)) {
        const byId = one(
          this.byId.has(Number(cells.ref)) ? [this.byId.get(Number(cells.ref))!] : undefined,
          'client number',
        )
        if (byId) return byId
      }
      unmatched.push(`ID ${cells.ref}`)
    }
    if (cells.email) {
      const byEmail = one(this.byEmail.get(normaliseEmail(cells.email)), 'e-mail')
      if (byEmail) return byEmail
      unmatched.push(`e-mail ${cells.email.trim()}`)
    }
    const phone = normalisePhone(cells.phone)
    if (phone.length >= 6) {
      const byPhone = one(this.byPhone.get(phone), 'phone number')
      if (byPhone) return byPhone
      unmatched.push(`phone number ${cells.phone.trim()}`)
    }
    const noOneHas = unmatched.length ? `No client has the ${unmatched.join(' or the ')}` : ''
    if (!nameKey) {
      return { error: noOneHas || 'No client ID, e-mail, phone or name to find the client by' }
    }
    const what = unmatched.length
      ? `correct the ${unmatched.map((u) => u.split(' ')[0]).join(' or ')}`
      : ''
    const named = this.byName.get(nameKey) ?? []
    if (cells.dob) {
      const dob = parseImportDate(cells.dob, now)
      if (!dob.ok) return { error: `Client date of birth: ${dob.reason}` }
      const both = named.filter((c) => c.dob === dob.iso)
      if (both.length === 1) return { client: both[0]!, warning: null }
      if (both.length > 1) return { error: `${both.length} clients share this name and birthday` }
      const none = `No client called ${cells.name.trim()} born ${cells.dob.trim()}`
      return {
        error: noOneHas ? `${noOneHas}, and ${none[0]!.toLowerCase()}${none.slice(1)}` : none,
      }
    }
    if (named.length === 1) {
      const why = noOneHas ? `: ${noOneHas[0]!.toLowerCase()}${noOneHas.slice(1)}` : ''
      return { client: named[0]!, warning: `Client found by name only (${named[0]!.name})${why}` }
    }
    if (named.length > 1) {
      const called = `${named.length} clients are called ${cells.name.trim()}`
      return {
        error: noOneHas
          ? `${noOneHas}, and ${called}; ${what} or add a date of birth`
          : `${called}; add an e-mail, phone or date of birth`,
      }
    }
    if (noOneHas) {
      return {
        error: `${noOneHas} or is called ${cells.name.trim()}; ${what}, or import the clients first`,
      }
    }
    return { error: `No client matches ${cells.name.trim()}; import the clients first` }
  }
}
