/**
 * Booking (or moving a booking) into the past is allowed, because reception catches up on
 * the diary after the fact, but only when the caller says so: main refuses a past time
 * without `confirmPast: true`, and the booking dialog asks for that confirmation first.
 *
 * "Past" means the start is more than PAST_GRACE_MINUTES before now: a client who walks in
 * at 10:05 can still be booked at 10:00 without a question.
 */
export const PAST_GRACE_MINUTES = 15

/** Whether a start (a UTC instant, ISO string or epoch ms) needs the past confirmation at `now` (ms). */
export function startsInThePast(startsAt: string | number, now: number): boolean {
  const start = typeof startsAt === 'number' ? startsAt : Date.parse(startsAt)
  return start < now - PAST_GRACE_MINUTES * 60_000
}

/** The refusal main gives, and the field it names. */
export const PAST_REFUSAL = {
  path: 'confirmPast',
  message: 'That time is in the past. Confirm that you are booking it after the fact.',
} as const
