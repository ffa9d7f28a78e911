import type { Kysely } from 'kysely'
import {
  STATUS_LABELS,
  type AppointmentStatus,
  type DiaryAppointment,
} from '../../../shared/contract/diary'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { DomainError } from '../domain-error'
import { clinicTimeZone } from '../settings'
import { loadAppointment, recordHistory } from './appointment-commands'
import { getDiaryAppointment } from './appointment-read'
import { formatDate, utcToZoned } from './clinic-clock'

// What happens to a booking on the day: arrived, completed, did not attend, cancelled (by
// the client or the clinic, inside the notice period or not), and the undo of a slip.

/**
 * The status changes allowed from each status. Completed can be undone (marked by mistake,
 * or the client left before treatment): back to arrived always, back to booked only while no
 * treatment note is attached (see setAppointmentStatus), since a note says the client was seen.
 */
const NEXT_STATUS: Record<AppointmentStatus, AppointmentStatus[]> = {
  booked: ['arrived', 'completed', 'no_show'],
  arrived: ['completed', 'booked'],
  completed: ['arrived', 'booked'],
  no_show: ['booked'],
  cancelled: [],
}

/** Marks an appointment; returns it with the status it had before (for the audit entry). */
export async function setAppointmentStatus(
  db: Kysely<DB>,
  v: { id: number; status: Exclude<AppointmentStatus, 'cancelled'> },
  actor: Actor,
  now: Date,
): Promise<{ appointment: DiaryAppointment; from: AppointmentStatus }> {
  const before = await loadAppointment(db, v.id)
  const from = before.status as AppointmentStatus
  if (from === v.status) return { appointment: await getDiaryAppointment(db, v.id), from }
  if (!NEXT_STATUS[from].includes(v.status)) {
    throw new DomainError(
      'rule_broken',
      `An appointment that is ${STATUS_LABELS[from].toLowerCase()} cannot be marked ${STATUS_LABELS[v.status].toLowerCase()}.`,
    )
  }
  if (v.status === 'arrived' && from === 'booked') {
    // A client arrives on the day: marking a later day's booking Arrived is a slip of the
    // wrong row, and would let it be paid for and written up before it happens.
    const tz = await clinicTimeZone(db)
    const day = (ms: number) => utcToZoned(ms, tz).date
    if (day(Date.parse(before.starts_at)) > day(now.getTime())) {
      throw new DomainError(
        'rule_broken',
        `This appointment is on ${formatDate(day(Date.parse(before.starts_at)), true)}: a client can only arrive on the day.`,
      )
    }
  }
  if (
    (v.status === 'no_show' || v.status === 'completed') &&
    Date.parse(before.starts_at) > now.getTime()
  ) {
    throw new DomainError(
      'rule_broken',
      `An appointment cannot be marked ${STATUS_LABELS[v.status].toLowerCase()} before it starts.`,
    )
  }
  if (from === 'completed' && v.status === 'booked') {
    const note = await db
      .selectFrom('notes')
      .select('id')
      .where('appointment_id', '=', v.id)
      .executeTakeFirst()
    if (note) {
      throw new DomainError(
        'rule_broken',
        'A treatment note is attached to this appointment, so it cannot go back to booked; mark it arrived instead.',
      )
    }
  }
  await db
    .updateTable('appointments')
    .set({ status: v.status, updated_at: now.toISOString() })
    .where('id', '=', v.id)
    .execute()
  await recordHistory(
    db,
    v.id,
    actor,
    now,
    v.status,
    `Marked ${STATUS_LABELS[v.status].toLowerCase()} (was ${STATUS_LABELS[from].toLowerCase()})`,
  )
  return { appointment: await getDiaryAppointment(db, v.id), from }
}

/** Cancels one appointment, or the rest of its series; says whether it was a late cancellation. */
export async function cancelAppointment(
  db: Kysely<DB>,
  v: { id: number; by: 'client' | 'clinic'; reason: string; scope: 'one' | 'following' | 'all' },
  actor: Actor,
  now: Date,
  noticeHours: number,
): Promise<{ cancelled: number[]; lateCancellation: boolean }> {
  const target = await loadAppointment(db, v.id)
  if (target.status !== 'booked' && target.status !== 'arrived') {
    throw new DomainError(
      'rule_broken',
      `That appointment is already ${STATUS_LABELS[target.status as AppointmentStatus].toLowerCase()}.`,
    )
  }
  let ids = [target.id]
  if (v.scope !== 'one' && target.series_id !== null) {
    const from = v.scope === 'following' ? target.starts_at : now.toISOString()
    const rows = await db
      .selectFrom('appointments')
      .select('id')
      .where('series_id', '=', target.series_id)
      .where('status', '=', 'booked')
      .where('starts_at', '>=', from < target.starts_at ? from : target.starts_at)
      .execute()
    ids = [...new Set([target.id, ...rows.map((r) => r.id)])]
  }
  const late =
    v.by === 'client' && Date.parse(target.starts_at) - now.getTime() < noticeHours * 3_600_000
  for (const id of ids) {
    const isTarget = id === target.id
    await db
      .updateTable('appointments')
      .set({
        status: 'cancelled',
        cancelled_by: v.by,
        cancel_reason: v.reason,
        late_cancellation: isTarget && late ? 1 : 0,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute()
    await recordHistory(
      db,
      id,
      actor,
      now,
      'cancelled',
      `Cancelled by the ${v.by}${isTarget && late ? ` inside the ${noticeHours} h notice period (late)` : ''}: ${v.reason}`,
    )
  }
  return { cancelled: ids, lateCancellation: late }
}
