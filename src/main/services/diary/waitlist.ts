import type { Kysely, Selectable } from 'kysely'
import type { PartOfDay, WaitlistEntry } from '../../../shared/contract/diary'
import type { DB, WaitlistTable } from '../../db/schema'
import { DomainError } from '../domain-error'
import { displayNameOf } from '../clients/client-record'
import { toMinutes, utcToZoned } from './clinic-clock'

type Row = Selectable<WaitlistTable> & {
  first_name: string
  last_name: string
  preferred_name: string
  mobile: string
  other_phone: string
}

function toEntry(r: Row): WaitlistEntry {
  return {
    id: r.id,
    clientId: r.client_id,
    clientName: displayNameOf(r),
    clientPhone: r.mobile || r.other_phone,
    serviceId: r.service_id,
    therapistIds: JSON.parse(r.therapist_ids) as number[],
    windows: JSON.parse(r.windows) as PartOfDay[],
    urgency: r.urgency,
    notes: r.notes,
    createdAt: r.created_at,
  }
}

function waiting(db: Kysely<DB>) {
  return db
    .selectFrom('waitlist as w')
    .innerJoin('clients as c', 'c.id', 'w.client_id')
    .selectAll('w')
    .select(['c.first_name', 'c.last_name', 'c.preferred_name', 'c.mobile', 'c.other_phone'])
    .where('w.resolved_at', 'is', null)
}

const URGENCY = { high: 0, normal: 1, low: 2 }

export async function listWaitlist(db: Kysely<DB>): Promise<WaitlistEntry[]> {
  const rows = await waiting(db).orderBy('w.created_at').execute()
  return rows.map(toEntry).sort((a, b) => URGENCY[a.urgency] - URGENCY[b.urgency])
}

export async function addToWaitlist(
  db: Kysely<DB>,
  v: Omit<WaitlistEntry, 'id' | 'clientName' | 'clientPhone' | 'createdAt'>,
  userId: number | null,
  now: Date,
): Promise<WaitlistEntry> {
  const { id } = await db
    .insertInto('waitlist')
    .values({
      client_id: v.clientId,
      service_id: v.serviceId,
      therapist_ids: JSON.stringify(v.therapistIds),
      windows: JSON.stringify(v.windows),
      urgency: v.urgency,
      notes: v.notes,
      created_at: now.toISOString(),
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const row = await waiting(db).where('w.id', '=', id).executeTakeFirstOrThrow()
  return toEntry(row)
}

export async function removeFromWaitlist(db: Kysely<DB>, id: number, now: Date) {
  const r = await db
    .updateTable('waitlist')
    .set({ resolved_at: now.toISOString() })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst()
  if (r.numUpdatedRows === 0n) throw new DomainError('not_found', 'Already off the waiting list.')
}

/**
 * Who is waiting for this freed time: same service, a therapist they accept (or anyone),
 * and the time inside one of their windows (or any time). Most urgent first.
 */
export async function waitlistMatches(
  db: Kysely<DB>,
  freed: { serviceId: number; therapistId: number; startsAt: string; endsAt: string },
  timeZone: string,
): Promise<WaitlistEntry[]> {
  const start = utcToZoned(Date.parse(freed.startsAt), timeZone)
  const end = utcToZoned(Date.parse(freed.endsAt), timeZone)
  const endMinutes = end.date === start.date ? end.minutes : 1440
  const all = await listWaitlist(db)
  return all.filter(
    (w) =>
      w.serviceId === freed.serviceId &&
      (w.therapistIds.length === 0 || w.therapistIds.includes(freed.therapistId)) &&
      (w.windows.length === 0 ||
        w.windows.some(
          (win) =>
            win.weekdays.includes(start.weekday) &&
            toMinutes(win.after) <= start.minutes &&
            endMinutes <= (win.before === '24:00' ? 1440 : toMinutes(win.before)),
        )),
  )
}
