import type { InputOf } from '../../../../shared/contract'
import type { PartOfDay, ServiceUsage } from '../../../../shared/contract/diary'
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
  mon: { label: 'Mondays', weekdays: [1] },
  tue: { label: 'Tuesdays', weekdays: [2] },
  wed: { label: 'Wednesdays', weekdays: [3] },
  thu: { label: 'Thursdays', weekdays: [4] },
  fri: { label: 'Fridays', weekdays: [5] },
  sat: { label: 'Saturdays', weekdays: [6] },
  sun: { label: 'Sundays', weekdays: [7] },
}

/**
 * The date the slot search really starts from: the "Search from" date, or today when that
 * date has passed (free times in the past cannot be booked), with the reason to show.
 */
export function searchStart(
  fromDate: string,
  today: string,
): { date: string; note: string | null } {
  if (fromDate >= today) return { date: fromDate, note: null }
  return { date: today, note: `That date has passed, so the search starts from today.` }
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

/** The `diary.book` request for a ready draft (see missingForBooking). */
export function bookRequest(
  draft: BookingDraft,
  serviceId: number,
  override?: { reason: string },
  confirmPast = false,
): InputOf<'diary.book'> {
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

/** The `diary.bookSeries` request: a dry run lists the dates, then `skip` books the rest. */
export function seriesRequest(
  draft: BookingDraft,
  serviceId: number,
  run: { dryRun: true } | { skip: string[] },
  confirmPast = false,
): InputOf<'diary.bookSeries'> {
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

/**
 * The service a new booking starts on: the one this therapist books most (among those they
 * offer), else the one the clinic books most, else the first listed. `services` is the
 * active list in its shown order; ties go to the earlier one.
 */
export function defaultServiceId(
  services: { id: number }[],
  therapists: { id: number; serviceIds: number[] }[],
  usage: ServiceUsage | undefined,
  therapistId: number | null,
): number | null {
  const offered = therapistId
    ? (therapists.find((t) => t.id === therapistId)?.serviceIds ?? [])
    : null
  const candidates = offered ? services.filter((s) => offered.includes(s.id)) : services
  const mostUsed = (counts: { serviceId: number; count: number }[]) => {
    let best: { id: number; count: number } | null = null
    for (const s of candidates) {
      const count = counts.find((c) => c.serviceId === s.id)?.count ?? 0
      if (count > 0 && (!best || count > best.count)) best = { id: s.id, count }
    }
    return best?.id ?? null
  }
  return (
    (therapistId && usage
      ? mostUsed(usage.byTherapist.filter((u) => u.therapistId === therapistId))
      : null) ??
    (usage ? mostUsed(usage.clinic) : null) ??
    candidates[0]?.id ??
    services[0]?.id ??
    null
  )
}

/** What the search asks for: changing any of these may or may not keep the chosen time. */
export type SearchChoices = Pick<
  BookingDraft,
  'serviceId' | 'therapistId' | 'days' | 'partOfDay' | 'fromDate'
>

/**
 * Whether a chosen time still fits new search choices, so changing the service (or the
 * days, the time of day…) keeps it instead of losing it: its therapist offers the service
 * and is the one asked for, and it falls on the days, in the time of day and after the
 * "search from" date chosen (all on the clinic's clock). Whether the therapist is free for a
 * longer service is main's to say when booking.
 */
export function pickStillFits(
  picked: NonNullable<BookingDraft['picked']>,
  choices: SearchChoices & { serviceId: number | null },
  therapists: { id: number; serviceIds: number[] }[],
  timeZone: string,
): boolean {
  const therapist = therapists.find((t) => t.id === picked.therapistId)
  if (choices.serviceId !== null && !therapist?.serviceIds.includes(choices.serviceId)) {
    return false
  }
  if (choices.therapistId !== null && choices.therapistId !== picked.therapistId) return false
  const weekday = Number(formatClinic(picked.startsAt, 'i', timeZone))
  const time = formatClinic(picked.startsAt, 'HH:mm', timeZone)
  const window = searchWindow(choices)
  if (!window.weekdays.includes(weekday)) return false
  if (time < window.after || time >= window.before) return false
  return formatClinic(picked.startsAt, 'yyyy-MM-dd', timeZone) >= choices.fromDate
}
