import { useCallback, useEffect, useMemo, useState } from 'react'
import { RpcError } from '../../../../shared/rpc'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { PAST_REFUSAL, startsInThePast } from '../../../../shared/diary/past-booking'
import {
  useAddToWaitlist,
  useBook,
  useBookSeries,
  useServiceUsage,
  useServices,
  useTherapists,
} from '../../api/diary'
import {
  emptyDraft,
  clearBookingDraft,
  readBookingDraft,
  writeBookingDraft,
  type BookingDraft,
} from './booking-draft'
import {
  bookRequest,
  clashing,
  defaultServiceId,
  pickStillFits,
  type SearchChoices,
  missingForBooking,
  seriesRequest,
  startingDraft,
  waitlistWindows,
  type PlannedDate,
} from './booking-plan'
import { closeBookingWaitlisted, type BookingPrefill } from './booking-store'
import { useClinicTimeZone } from './use-clinic-time-zone'

/**
 * The booking dialog's state and commands: the draft (kept across closing the dialog), the
 * service and therapist lists, booking once or as a series (first a dry run that lists the
 * dates, then the rest), the owner's override and the waiting list.
 */
export function useBooking(prefill: BookingPrefill | null, onBooked: (startsAt: string) => void) {
  const tz = useClinicTimeZone()
  const [today] = useState(() => formatClinic(Date.now(), 'yyyy-MM-dd', tz))
  const [draft, setDraftState] = useState<BookingDraft>(() =>
    startingDraft(readBookingDraft() ?? emptyDraft(today), prefill, tz),
  )
  const setDraft = useCallback(
    (patch: Partial<BookingDraft>) => setDraftState((d) => ({ ...d, ...patch })),
    [],
  )
  useEffect(() => writeBookingDraft(draft), [draft])

  const book = useBook()
  const bookSeries = useBookSeries()
  const addToWaitlist = useAddToWaitlist()
  const [error, setError] = useState<string | null>(null)
  const [plan, setPlanState] = useState<PlannedDate[] | null>(null)
  const [skip, setSkip] = useState<string[]>([])
  // A rule the chosen time breaks (clicked in the diary outside someone's hours, say): the
  // owner may book anyway, with a reason that stays in the appointment's history.
  const [ruleBroken, setRuleBroken] = useState(false)
  // A time in the past is booked only once the user has said it is on purpose (catching up);
  // main refuses it otherwise. Main's own refusal (a clock that differs) asks the same.
  const [confirmPast, setConfirmPast] = useState(false)
  const [mainSaidPast, setMainSaidPast] = useState(false)
  const [openedAt] = useState(() => Date.now())
  const services = useServices()
  const therapists = useTherapists()
  const therapistName = useCallback(
    (id: number) => therapists.data?.find((t) => t.id === id)?.name ?? '',
    [therapists.data],
  )
  const pastPicked =
    draft.picked !== null && (mainSaidPast || startsInThePast(draft.picked.startsAt, openedAt))

  const usage = useServiceUsage()
  const serviceId =
    draft.serviceId ??
    defaultServiceId(
      services.data ?? [],
      therapists.data ?? [],
      usage.data,
      draft.picked?.therapistId ?? draft.therapistId,
    )
  // A chosen time the new choices no longer allow, said out loud rather than silently lost.
  const [droppedPick, setDroppedPick] = useState<string | null>(null)
  /** A new service, therapist, days, time of day or start date; keeps the time if it fits. */
  const choose = (patch: Partial<SearchChoices>) => {
    const next = { ...draft, serviceId, ...patch }
    const keep =
      draft.picked !== null && pickStillFits(draft.picked, next, therapists.data ?? [], tz)
    setDroppedPick(
      draft.picked && !keep
        ? `${formatClinic(draft.picked.startsAt, 'EEE d MMM, HH:mm', tz)} with ${therapistName(draft.picked.therapistId)} does not fit these choices: choose a time from the list.`
        : null,
    )
    setDraft({ ...patch, picked: keep ? draft.picked : null })
  }
  const service = services.data?.find((s) => s.id === serviceId)
  const offering = useMemo(
    () =>
      (therapists.data ?? []).filter((t) => serviceId !== null && t.serviceIds.includes(serviceId)),
    [therapists.data, serviceId],
  )

  async function submit(override?: { reason: string }) {
    setError(null)
    const missing = missingForBooking(draft, serviceId)
    if (missing || serviceId === null) return setError(missing)
    const startsAt = draft.picked!.startsAt
    if (pastPicked && !confirmPast) {
      return setError('That time is in the past: tick “Book it in the past” to book it anyway.')
    }
    const past = pastPicked && confirmPast
    const refusedAsPast = (e: unknown) =>
      e instanceof RpcError && e.fieldErrors.some((f) => f.path === PAST_REFUSAL.path)
    if (draft.repeatEvery > 0) {
      try {
        if (!plan) {
          const dry = await bookSeries.mutateAsync(
            seriesRequest(draft, serviceId, { dryRun: true }, past),
          )
          setPlanState(dry.occurrences)
          setSkip(clashing(dry.occurrences))
          return
        }
        await bookSeries.mutateAsync(seriesRequest(draft, serviceId, { skip }, past))
        clearBookingDraft()
        onBooked(startsAt)
      } catch (e) {
        setMainSaidPast(refusedAsPast(e))
        setError(e instanceof RpcError ? e.message : 'The bookings could not be saved.')
      }
      return
    }
    try {
      await book.mutateAsync(bookRequest(draft, serviceId, override, past))
      clearBookingDraft()
      onBooked(startsAt)
    } catch (e) {
      setMainSaidPast(refusedAsPast(e))
      setRuleBroken(e instanceof RpcError && e.code === 'rule_broken' && !refusedAsPast(e))
      setError(e instanceof RpcError ? e.message : 'The booking could not be saved.')
    }
  }

  async function waitlist() {
    setError(null)
    if (!draft.client) return setError('Find or add the client first.')
    if (!serviceId) return setError('Choose the service.')
    try {
      await addToWaitlist.mutateAsync({
        clientId: draft.client.id,
        serviceId,
        therapistIds: draft.therapistId ? [draft.therapistId] : [],
        windows: waitlistWindows(draft),
        urgency: draft.urgency ?? 'normal',
        notes: draft.notes,
      })
      clearBookingDraft()
      closeBookingWaitlisted(draft.client.name)
    } catch (e) {
      setError(e instanceof RpcError ? e.message : 'Could not add to the waiting list.')
    }
  }

  return {
    tz,
    today,
    draft,
    setDraft,
    services: services.data ?? [],
    service,
    serviceId,
    offering,
    therapistName,
    choose,
    droppedPick,
    error,
    plan,
    /** A change to the repeat throws the listed dates away. */
    clearPlan: () => setPlanState(null),
    skip,
    setSkip,
    ruleBroken,
    /** The picked time is in the past: the dialog asks for `confirmPast` before booking. */
    pastPicked,
    confirmPast,
    setConfirmPast,
    pending: book.isPending || bookSeries.isPending,
    waitlistPending: addToWaitlist.isPending,
    submit,
    waitlist,
  }
}

export type Booking = ReturnType<typeof useBooking>
