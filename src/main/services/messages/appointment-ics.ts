import { createEvent } from 'ics'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'

/**
 * The appointment as an iCalendar file (RFC 5545) made with the `ics` package: times in UTC
 * (calendar apps show them on the reader's clock), the clinic as location, the service and
 * therapist as title; no health details. The UID is stable per appointment and SEQUENCE
 * grows with each change, so a calendar updates the event it has rather than adding one.
 */
export async function appointmentIcs(
  db: Kysely<DB>,
  appointmentId: number,
): Promise<{ filename: string; content: string } | null> {
  const a = await db
    .selectFrom('appointments as a')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .innerJoin('therapists as t', 't.id', 'a.therapist_id')
    .innerJoin('clinic_settings as cs', (j) => j.on('cs.id', '=', 1))
    .select([
      'a.id',
      'a.starts_at',
      'a.ends_at',
      'a.status',
      's.name as service',
      't.name as therapist',
      'cs.clinic_name',
      'cs.address',
      'cs.phone',
    ])
    .select((eb) =>
      eb
        .selectFrom('appointment_history as h')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('h.appointment_id', '=', 'a.id')
        .where('h.action', '=', 'moved')
        .as('moves'),
    )
    .where('a.id', '=', appointmentId)
    .executeTakeFirst()
  if (!a || a.status === 'cancelled') return null
  const parts = (iso: string) => {
    const d = new Date(iso)
    return [
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
    ] as [number, number, number, number, number]
  }
  const { error, value } = createEvent({
    productId: 'plinth/messages',
    method: 'PUBLISH',
    uid: `appointment-${a.id}@plinth`,
    sequence: Number(a.moves ?? 0),
    start: parts(a.starts_at),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: parts(a.ends_at),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${a.service} with ${a.therapist}`,
    location: [a.clinic_name, a.address.replace(/\s*\n\s*/g, ', ')].filter(Boolean).join(', '),
    description: a.phone ? `To change or cancel, call ${a.clinic_name} on ${a.phone}.` : '',
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
  })
  if (error || !value) throw error ?? new Error('Could not make the calendar file')
  return { filename: 'appointment.ics', content: value }
}
