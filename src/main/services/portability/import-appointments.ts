import type Database from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { AppointmentStatus } from '../../../shared/contract/appointments'
import type { Service } from '../../../shared/contract/diary-setup'
import type { ImportMapping, ImportProblem, ImportReport } from '../../../shared/contract/imports'
import type { DB } from '../../db/schema'
import { writeAudit, type AuditActor } from '../audit'
import { displayNameOf } from '../clients/client-record'
import { normaliseEmail, normaliseName, normalisePhone } from '../clients/normalise'
import { findBreaches, type RuleName } from '../diary/booking-rules'
import { addDays, utcToZoned } from '../diary/clinic-clock'
import { toService } from '../diary/service-catalogue'
import { loadDiarySetup } from '../diary/working-hours'
import { getClinicSettings } from '../settings'
import { unescapeExcel, type ParsedCsv } from './csv-parse'
import { parseDuration, parsePrice, parseStart, parseStatus } from './import-appointment-values'
import { parseImportDate } from './import-dates'

const MINUTE = 60_000
const CHUNK = 500
const MAX_PROBLEMS = 1000

/** One row that can be imported, with everything resolved to Plinth's ids. */
export interface AppointmentRow {
  line: number
  clientId: number
  therapistId: number
  service: Service
  startsAt: number
  endsAt: number
  blockedUntil: number
  status: AppointmentStatus
  late: boolean
  pricePence: number
  notes: string
  roomId: number | null
  /** The booking rules a future appointment breaks (kept as its override reason). */
  outsideRules: string | null
  /** The same client, therapist and start as one already in Plinth or earlier in the file. */
  duplicate: boolean
}

/**
 * Rules a future appointment may break and still be imported, flagged for a look: the old
 * system had it booked and the client expects to come, while Plinth's hours may not be set
 * up to match yet. A clash (the therapist or the room already taken) is never imported: it
 * would be a double booking nobody chose.
 */
const CLASHES: RuleName[] = ['therapist_busy', 'room_busy']

const key = (value: string) => value.trim().toLowerCase().replace(/\s+/g, ' ')

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
class ClientIndex {
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
    }
    if (cells.email) {
      const byEmail = one(this.byEmail.get(normaliseEmail(cells.email)), 'e-mail')
      if (byEmail) return byEmail
    }
    const phone = normalisePhone(cells.phone)
    if (phone.length >= 6) {
      const byPhone = one(this.byPhone.get(phone), 'phone number')
      if (byPhone) return byPhone
    }
    if (!nameKey) {
      return { error: 'No client ID, e-mail, phone or name to find the client by' }
    }
    const named = this.byName.get(nameKey) ?? []
    if (cells.dob) {
      const dob = parseImportDate(cells.dob, now)
      if (!dob.ok) return { error: `Client date of birth: ${dob.reason}` }
      const both = named.filter((c) => c.dob === dob.iso)
      if (both.length === 1) return { client: both[0]!, warning: null }
      if (both.length > 1) return { error: `${both.length} clients share this name and birthday` }
      return { error: `No client called ${cells.name.trim()} born ${cells.dob.trim()}` }
    }
    if (named.length === 1) {
      return { client: named[0]!, warning: `Client found by name only (${named[0]!.name})` }
    }
    if (named.length > 1) {
      return {
        error: `${named.length} clients are called ${cells.name.trim()}; add an e-mail, phone or date of birth`,
      }
    }
    return { error: `No client matches ${cells.name.trim()}; import the clients first` }
  }
}

export interface AppointmentCheck {
  rows: AppointmentRow[]
  report: ImportReport
}

/**
 * Reads and checks every row of an appointments file. Appointments that have already
 * happened (they start before now) are history: imported as they were, without the booking
 * rules. Future ones are checked against the rules as a booking would be: a clash with
 * another appointment (in Plinth or earlier in the file) skips the row; any other rule
 * broken (hours, closures, a service the therapist does not offer) imports it flagged.
 */
export async function checkAppointmentRows(
  db: Kysely<DB>,
  file: ParsedCsv,
  mapping: ImportMapping,
  now: Date,
  progress: (percent: number) => void,
): Promise<AppointmentCheck> {
  const settings = await getClinicSettings(db)
  const tz = settings.timeZone
  const clients = await ClientIndex.load(db)
  const therapists = new Map<string, { id: number; name: string }>()
  for (const t of await db.selectFrom('therapists').select(['id', 'name']).execute()) {
    therapists.set(key(t.name), t)
  }
  const services = new Map<string, Service>()
  for (const s of await db.selectFrom('services').selectAll().execute()) {
    services.set(key(s.name), toService(s))
  }
  const existing = new Set(
    (
      await db
        .selectFrom('appointments')
        .select(['client_id', 'therapist_id', 'starts_at'])
        .where('status', '!=', 'cancelled')
        .execute()
    ).map((a) => `${a.client_id}|${a.therapist_id}|${Date.parse(a.starts_at)}`),
  )

  const columnOf = new Map(file.headers.map((h, i) => [h, i]))
  const problems: ImportProblem[] = []
  const note = (p: ImportProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p)
  }
  const rows: AppointmentRow[] = []
  let errors = 0
  let warnings = 0
  let duplicates = 0
  const warningsOf = new Map<number, string[]>()
  const names = new Map<number, string>()

  // First pass: each row on its own.
  for (let start = 0; start < file.rows.length; start += CHUNK) {
    for (const { line, cells } of file.rows.slice(start, start + CHUNK)) {
      const cell = (k: keyof ImportMapping): string => {
        const header = mapping[k]
        const index = header === undefined ? undefined : columnOf.get(header)
        return index === undefined ? '' : unescapeExcel(cells[index] ?? '')
      }
      const reasons: string[] = []
      const rowWarnings: string[] = []
      const found = clients.find(
        {
          ref: cell('clientRef'),
          name: cell('clientName'),
          email: cell('clientEmail'),
          phone: cell('clientPhone'),
          dob: cell('clientDob'),
        },
        now,
      )
      if ('error' in found) reasons.push(found.error)
      else if (found.warning) rowWarnings.push(found.warning)
      const client = 'client' in found ? found.client : null

      const therapistName = cell('therapist')
      const therapist = therapists.get(key(therapistName))
      if (!therapist) {
        reasons.push(
          therapistName
            ? `No therapist called ${therapistName} (add them in Settings → Therapists first)`
            : 'The therapist is empty',
        )
      }
      const serviceName = cell('service')
      const service = services.get(key(serviceName))
      if (!service) {
        reasons.push(
          serviceName
            ? `No service called ${serviceName} (add it in Settings → Services first)`
            : 'The service is empty',
        )
      }
      const startsAt = parseStart(
        { start: cell('start'), date: cell('date'), time: cell('time') },
        tz,
      )
      if (!startsAt.ok) reasons.push(`Start: ${startsAt.reason}`)
      const durationCell = cell('duration')
      const duration = durationCell ? parseDuration(durationCell) : null
      if (duration && !duration.ok) reasons.push(`Duration: ${duration.reason}`)
      const priceCell = cell('price')
      const price = priceCell ? parsePrice(priceCell) : null
      if (price && !price.ok) reasons.push(`Price: ${price.reason}`)
      const historic = startsAt.ok && startsAt.value < now.getTime()
      const statusCell = cell('status')
      let status: AppointmentStatus = historic ? 'completed' : 'booked'
      let late = false
      if (statusCell) {
        const parsed = parseStatus(statusCell)
        if (!parsed.ok) reasons.push(`Status: ${parsed.reason}`)
        else {
          status = parsed.value.status
          late = parsed.value.late
        }
      }
      if (startsAt.ok && !historic && ['arrived', 'completed', 'no_show'].includes(status)) {
        reasons.push(`Status: a future appointment cannot be ${statusCell.trim().toLowerCase()}`)
      }
      if (client?.archived && !historic && status !== 'cancelled') {
        reasons.push(`${client.name} is archived; restore the record before booking them in`)
      }

      const when = startsAt.ok
        ? (() => {
            const z = utcToZoned(startsAt.value, tz)
            const hh = String(Math.floor(z.minutes / 60)).padStart(2, '0')
            const mm = String(z.minutes % 60).padStart(2, '0')
            return `${z.date.split('-').reverse().join('/')} ${hh}:${mm}`
          })()
        : ''
      const name = [client?.name ?? (cell('clientName') || '(no client)'), when]
        .filter(Boolean)
        .join(' · ')
      if (reasons.length > 0 || !client || !therapist || !service || !startsAt.ok) {
        errors += 1
        note({ line, name, kind: 'error', reasons })
        continue
      }
      const minutes = duration?.ok ? duration.value : service.durationMinutes
      const endsAt = startsAt.value + minutes * MINUTE
      const dupKey = `${client.id}|${therapist.id}|${startsAt.value}`
      const duplicate = status !== 'cancelled' && existing.has(dupKey)
      if (status !== 'cancelled') existing.add(dupKey)
      if (duplicate && !historic) {
        // Importing it anyway would double-book the therapist: never offered.
        errors += 1
        note({ line, name, kind: 'error', reasons: ['Already in the diary at this time'] })
        continue
      }
      names.set(line, name)
      if (rowWarnings.length) warningsOf.set(line, rowWarnings)
      rows.push({
        line,
        clientId: client.id,
        therapistId: therapist.id,
        service,
        startsAt: startsAt.value,
        endsAt,
        blockedUntil: endsAt + service.bufferAfterMinutes * MINUTE,
        status,
        late,
        pricePence: price?.ok ? price.value : service.pricePence,
        notes: cell('notes'),
        roomId: null,
        outsideRules: null,
        duplicate,
      })
    }
    progress(Math.min(60, Math.round(((start + CHUNK) / file.rows.length) * 60)))
    await new Promise((next) => setImmediate(next))
  }

  // Second pass: the booking rules for appointments still to come.
  const future = rows.filter(
    (r) => r.startsAt >= now.getTime() && r.status !== 'cancelled' && !r.duplicate,
  )
  const skip = new Set<AppointmentRow>()
  if (future.length > 0) {
    const days = future.map((r) => utcToZoned(r.startsAt, tz).date).sort()
    const setup = await loadDiarySetup(db, {
      fromDate: addDays(days[0]!, -1),
      toDate: addDays(days.at(-1)!, 1),
    })
    const taken: AppointmentRow[] = []
    for (const [i, row] of future.entries()) {
      const { breaches, roomId } = await findBreaches(db, setup, {
        therapistId: row.therapistId,
        service: row.service,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        blockedUntil: row.blockedUntil,
        roomId: null,
      })
      const clashes = breaches.filter((b) => CLASHES.includes(b.rule)).map((b) => b.message)
      // Earlier rows of this file are not in the database yet: check them here.
      for (const other of taken) {
        const overlaps = row.startsAt < other.blockedUntil && other.startsAt < row.blockedUntil
        if (!overlaps) continue
        if (other.therapistId === row.therapistId) {
          clashes.push(`Clashes with line ${other.line} for the same therapist`)
        } else if (roomId !== null && other.roomId === roomId) {
          clashes.push(`Needs the room line ${other.line} is already using`)
        }
      }
      if (clashes.length > 0) {
        skip.add(row)
        note({ line: row.line, name: names.get(row.line)!, kind: 'error', reasons: clashes })
        continue
      }
      row.roomId = roomId
      const others = breaches.filter((b) => !CLASHES.includes(b.rule)).map((b) => b.message)
      if (others.length > 0) {
        row.outsideRules = others.join(' ')
        warningsOf.set(row.line, [
          ...(warningsOf.get(row.line) ?? []),
          `Imported outside the booking rules: ${row.outsideRules}`,
        ])
      }
      taken.push(row)
      if (i % CHUNK === 0) {
        progress(60 + Math.round((i / future.length) * 39))
        await new Promise((next) => setImmediate(next))
      }
    }
  }
  errors += skip.size
  const kept = rows.filter((r) => !skip.has(r))
  for (const row of kept) {
    if (row.duplicate) {
      duplicates += 1
      note({
        line: row.line,
        name: names.get(row.line)!,
        kind: 'duplicate',
        reasons: ['Already in the diary: same client, therapist and start'],
      })
    } else if (warningsOf.has(row.line)) {
      warnings += 1
      note({
        line: row.line,
        name: names.get(row.line)!,
        kind: 'warning',
        reasons: warningsOf.get(row.line)!,
      })
    }
  }
  problems.sort((a, b) => a.line - b.line)
  return {
    rows: kept,
    report: {
      total: file.rows.length,
      ready: kept.length - duplicates,
      duplicates,
      errors,
      warnings,
      problems,
    },
  }
}

/** Writes the checked rows in the caller's transaction, each with its history line. */
export async function insertAppointmentRows(
  db: Kysely<DB>,
  sqlite: Database.Database,
  rows: AppointmentRow[],
  batch: { id: string; fileName: string; preset: string; skipped: number },
  actor: AuditActor,
  now: Date,
): Promise<void> {
  const at = now.toISOString()
  await db
    .insertInto('import_batches')
    .values({
      id: batch.id,
      kind: 'appointments',
      file_name: batch.fileName,
      preset: batch.preset,
      created_count: rows.length,
      skipped_count: batch.skipped,
      at,
      by: actor.userId,
    })
    .execute()
  const values = (r: AppointmentRow) => ({
    client_id: r.clientId,
    therapist_id: r.therapistId,
    service_id: r.service.id,
    room_id: r.roomId,
    starts_at: new Date(r.startsAt).toISOString(),
    ends_at: new Date(r.endsAt).toISOString(),
    blocked_until: new Date(r.blockedUntil).toISOString(),
    status: r.status,
    price_pence: r.pricePence,
    notes: r.notes,
    late_cancellation: r.late ? 1 : 0,
    override_reason: r.outsideRules ? `Imported from ${batch.fileName}` : null,
    created_at: at,
    created_by: actor.userId,
    updated_at: at,
    import_batch_id: batch.id,
  })
  const history = (appointmentId: number | bigint, action: string, summary: string) => ({
    appointment_id: Number(appointmentId),
    at,
    user_id: actor.userId,
    username: actor.username,
    action,
    summary,
  })
  // Cached statements compiled from Kysely's SQL, as the client import does: a clinic's
  // whole history can be tens of thousands of appointments.
  const insertAppointment = sqlite.prepare(
    db.insertInto('appointments').values(values(rows[0]!)).compile().sql,
  )
  const insertHistory = sqlite.prepare(
    db
      .insertInto('appointment_history')
      .values(history(0, '', ''))
      .compile().sql,
  )
  for (const row of rows) {
    const id = insertAppointment.run(...Object.values(values(row))).lastInsertRowid
    insertHistory.run(
      ...Object.values(
        history(
          id,
          'imported',
          `Imported ${row.service.name} from ${batch.fileName} (line ${row.line})`,
        ),
      ),
    )
    if (row.outsideRules) {
      insertHistory.run(
        ...Object.values(
          history(id, 'override', `Imported outside the rules: ${row.outsideRules}`),
        ),
      )
    }
  }
  await writeAudit(
    db,
    actor,
    {
      action: 'import.appointments',
      entityType: 'import_batch',
      entityId: batch.id,
      summary: `Imported ${rows.length} appointments from ${batch.fileName}; ${batch.skipped} rows skipped`,
    },
    now,
  )
}

/** Plinth's own appointments template, recognised by its header row. */
export function isAppointmentTemplate(headers: string[]): boolean {
  const names = new Set(headers.map(key))
  return ['client', 'therapist', 'service', 'start'].every((h) => names.has(h))
}
