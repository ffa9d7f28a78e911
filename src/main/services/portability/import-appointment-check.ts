import type { Kysely } from 'kysely'
import type { AppointmentStatus } from '../../../shared/contract/diary'
import type { Service } from '../../../shared/contract/diary-setup'
import type { ImportMapping, ImportProblem, ImportReport } from '../../../shared/contract/imports'
import type { DB } from '../../db/schema'
import { findBreaches, type RuleName } from '../diary/booking-rules'
import { addDays, utcToZoned } from '../diary/clinic-clock'
import { toService } from '../diary/service-catalogue'
import { loadDiarySetup } from '../diary/working-hours'
import { getClinicSettings } from '../settings'
import { unescapeExcel, type ParsedCsv } from './csv-parse'
import { parseDuration, parsePrice, parseStart, parseStatus } from './import-appointment-values'
import { ClientIndex, key } from './import-appointment-clients'

// Stage 2 of an appointments import, checking: each row read on its own (who, which
// therapist and service, when, what status), then the booking rules for those still to come.

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
 * up to match yet. A clash (the therapist, the room or the client already taken) is never
 * imported: it would be a double booking nobody chose. A user trial imported one client with
 * two therapists at 10:00 and 10:15; a joint session is booked in Plinth by the owner, who can
 * override the rule with a reason.
 */
const CLASHES: RuleName[] = ['therapist_busy', 'room_busy', 'client_busy']

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
  const tz = (await getClinicSettings(db)).timeZone
  const found = await readAppointmentRows(db, file, mapping, now, tz, progress)
  const clashing = await checkFutureBookings(db, found, now, tz, progress)
  return reportOf(file, found, clashing)
}

/** What reading the rows found: the rows that can be imported so far, and what was said. */
interface ReadRows {
  rows: AppointmentRow[]
  problems: ImportProblem[]
  note: (p: ImportProblem) => void
  errors: number
  /** Each row's warnings by line, and its name for the report ("Priya Shah · 02/03/2026 10:00"). */
  warningsOf: Map<number, string[]>
  names: Map<number, string>
}

/** Each row on its own: who, which therapist and service, when, and what status (0–60%). */
async function readAppointmentRows(
  db: Kysely<DB>,
  file: ParsedCsv,
  mapping: ImportMapping,
  now: Date,
  tz: string,
  progress: (percent: number) => void,
): Promise<ReadRows> {
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
  const warningsOf = new Map<number, string[]>()
  const names = new Map<number, string>()

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

  return { rows, problems, note, errors, warningsOf, names }
}

/**
 * The booking rules for appointments still to come (60–99%): a clash with another booking,
 * in Plinth or earlier in the file, refuses the row; any other rule broken imports it
 * flagged. Returns the refused rows.
 */
async function checkFutureBookings(
  db: Kysely<DB>,
  found: ReadRows,
  now: Date,
  tz: string,
  progress: (percent: number) => void,
): Promise<Set<AppointmentRow>> {
  const { rows, note, names, warningsOf } = found
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
        clientId: row.clientId,
      })
      const clashes = breaches.filter((b) => CLASHES.includes(b.rule)).map((b) => b.message)
      clashes.push(...clashesInFile(row, roomId, taken))
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
  return skip
}

/**
 * Earlier rows of this file are not in the database yet, so the rules cannot see them: the
 * same therapist or room within the buffer, or the same client at any overlapping time
 * ([startsAt, endsAt): the clean-up after is the therapist's, not the client's), with any
 * therapist, as booking-rules' client_busy does.
 */
function clashesInFile(
  row: AppointmentRow,
  roomId: number | null,
  taken: AppointmentRow[],
): string[] {
  const clashes: string[] = []
  for (const other of taken) {
    if (row.startsAt < other.blockedUntil && other.startsAt < row.blockedUntil) {
      if (other.therapistId === row.therapistId) {
        clashes.push(`Clashes with line ${other.line} for the same therapist`)
        continue
      } else if (roomId !== null && other.roomId === roomId) {
        clashes.push(`Needs the room line ${other.line} is already using`)
        continue
      }
    }
    if (
      other.clientId === row.clientId &&
      row.startsAt < other.endsAt &&
      other.startsAt < row.endsAt
    ) {
      clashes.push(`Clashes with line ${other.line} for the same client`)
    }
  }
  return clashes
}

/** The report the import screen shows, and the rows an import will write. */
function reportOf(file: ParsedCsv, found: ReadRows, skip: Set<AppointmentRow>): AppointmentCheck {
  const { rows, problems, note, warningsOf, names } = found
  let { errors } = found
  let duplicates = 0
  let warnings = 0
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
