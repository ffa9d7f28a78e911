import type { InputOf } from '../../../../shared/contract'
import type { PartOfDay } from '../../../../shared/contract/appointments'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import type { BookingPrefill } from './booking-store'
import type { BookingDraft } from './booking-draft'

/**
 * The booking dialog's rules with no React in them: what a choice in the dialog means for the
 * slot search, the waiting list and the request sent to main. Unit-tested in
 * tests/unit/renderer/booking-plan.test.ts.
 */

/** "Time of day" choices, as clinic wall-clock windows [after, before). */
export const PARTS: Record<
  BookingDraft['partOfDay'],
  { label: string; after: string; before: string }
> = {
  any: { label: 'Any time', after: '00:00', before: '24:00' },
  morning: { label: 'Mornings (until 12:00)', after: '00:00', before: '12:00' },
  afternoon: { label: 'Afternoons (12:00–17:00)', after: '12:00', before: '17:00' },
  evening: { label: 'Evenings (after 17:00)', after: '17:00', before: '24:00' },
}

/** "Days" choices, as ISO weekdays (1 = Monday … 7 = Sunday). */
export const DAYS: Record<BookingDraft['days'], { label: string; weekdays: number[] }> = {
  any: { label: 'Any day', weekdays: [1, 2, 3, 4, 5, 6, 7] },
  weekdays: { label: 'Weekdays', weekdays: [1, 2, 3, 4, 5] },
  weekends: { label: 'Weekends', weekdays: [6, 7] },
}

/** The slot search's window for the draft's day and time-of-day choices. */
export function searchWindow(draft: Pick<BookingDraft, 'days' | 'partOfDay'>): PartOfDay {
  return {
    weekdays: DAYS[draft.days].weekdays,
    after: PARTS[draft.partOfDay].after,
    before: PARTS[draft.partOfDay].before,
  }
}

/** The waiting-list windows: none means "any time". */
export function waitlistWindows(draft: Pick<BookingDraft, 'days' | 'partOfDay'>): PartOfDay[] {
  return draft.partOfDay === 'any' && draft.days === 'any' ? [] : [searchWindow(draft)]
}

/**
 * The draft a newly opened dialog starts from: the kept draft (or an empty one), with the
 * time and therapist of an empty slot clicked in the diary replacing the draft's.
 */
export function startingDraft(
  base: BookingDraft,
  prefill: BookingPrefill | null,
  timeZone: string,
): BookingDraft {
  if (!prefill?.startsAt) return base
  return {
    ...base,
    therapistId: prefill.therapistId ?? base.therapistId,
    fromDate: formatClinic(prefill.startsAt, 'yyyy-MM-dd', timeZone),
    picked: prefill.therapistId
      ? { therapistId: prefill.therapistId, startsAt: prefill.startsAt, endsAt: null }
      : null,
  }
}

/** What is still missing before anything can be booked, in the words shown; null when ready. */
export function missingForBooking(
  draft: Pick<BookingDraft, 'client' | 'picked'>,
  serviceId: number | null,
): string | null {
  if (!draft.client) return 'Find or add the client first.'
  if (!serviceId) return 'Choose the service.'
  if (!draft.picked) return 'Choose a time from the list.'
  return null
}

/** A repeating booking is made 2 to 52 times (the contract's bounds). */
export const seriesCount = (n: number) => Math.max(2, Math.min(52, Math.round(n) || 2))

/** The `appointments.book` request for a ready draft (see missingForBooking). */
export function bookRequest(
  draft: BookingDraft,
  serviceId: number,
  override?: { reason: string },
  confirmPast = false,
): InputOf<'appointments.book'> {
  return {
    clientId: draft.client!.id,
    serviceId,
    therapistId: draft.picked!.therapistId,
    startsAt: draft.picked!.startsAt,
    notes: draft.notes,
    ...(override ? { override } : {}),
    ...(confirmPast ? { confirmPast } : {}),
  }
}

/** The `appointments.bookSeries` request: a dry run lists the dates, then `skip` books the rest. */
export function seriesRequest(
  draft: BookingDraft,
  serviceId: number,
  run: { dryRun: true } | { skip: string[] },
  confirmPast = false,
): InputOf<'appointments.bookSeries'> {
  return {
    clientId: draft.client!.id,
    serviceId,
    therapistId: draft.picked!.therapistId,
    startsAt: draft.picked!.startsAt,
    notes: draft.notes,
    everyWeeks: draft.repeatEvery,
    count: seriesCount(draft.repeatCount),
    ...run,
    ...(confirmPast ? { confirmPast } : {}),
  }
}

export interface PlannedDate {
  startsAt: string
  conflicts: string[]
}

/** The dates that clash, which the dialog offers to skip. */
export const clashing = (plan: PlannedDate[]) =>
  plan.filter((o) => o.conflicts.length > 0).map((o) => o.startsAt)

/** "6 dates · all free" / "6 dates · 2 clash — skip them or change the time". */
export function planHeading(plan: PlannedDate[]): string {
  const clashes = clashing(plan).length
  return `${plan.length} dates · ${clashes === 0 ? 'all free' : `${clashes} clash — skip them or change the time`}`
}

/** The main button's words for the draft's state. */
export function bookButtonLabel(
  pending: boolean,
  repeatEvery: number,
  plan: PlannedDate[] | null,
  skip: string[],
): string {
  if (pending) return 'Booking…'
  if (repeatEvery === 0) return 'Book'
  return plan ? `Book ${plan.length - skip.length} appointments` : 'Check the dates'
}

/** A new client's name and mobile guessed from what was searched: digits are a phone. */
export function newClientFrom(query: string): BookingDraft['newClient'] {
  const q = query.trim()
  if (/^[\d\s+()-]+$/.test(q)) return { firstName: '', lastName: '', mobile: q }
  const [first = '', ...rest] = q.split(/\s+/)
  return { firstName: first, lastName: rest.join(' '), mobile: '' }
}
