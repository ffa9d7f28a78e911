import { useCallback, useState } from 'react'
import { format } from 'date-fns'
import { formatClinic, fromWall } from '../../../../shared/diary/wall-clock'
import { startsInThePast } from '../../../../shared/diary/past-booking'
import { useMoveAppointment, useMoveSeries } from '../../api/diary'
import { therapistOfColumn } from './calendar-column'
import type { EventInteractionArgs } from './drag-and-drop'
import type { DiaryEvent } from './diary-events'
import type { SeriesDrop } from './SeriesDropDialog'
import type { SeriesScope } from './SeriesScopeFields'
import type { Notice } from './use-diary-range'
import { errorWords } from '../../components/rpc-form-errors'

const notMoved = (error: unknown): Notice => ({
  kind: 'error',
  text: `Not moved: ${errorWords(error, 'something went wrong.')}`,
})

/**
 * Drag and drop in the calendar: a drop or resize moves the booking at once and main
 * confirms (snap-back if refused); a repeating booking waits in `seriesDrop` until the user
 * says how many of the series move. Results and refusals go to `setNotice`.
 */
export function useDiaryDrag(tz: string, setNotice: (n: Notice | null) => void) {
  // mutateAsync is the same function for the hook's life (TanStack Query's observer), so the
  // drop handlers below stay the same and the memoised calendar is not drawn again for them.
  const { mutateAsync: moveOne } = useMoveAppointment()
  const { mutateAsync: moveMany } = useMoveSeries()
  const [seriesDrop, setSeriesDrop] = useState<SeriesDrop | null>(null)
  // A drop whose new start is in the past waits here until the user confirms it.
  const [pastDrop, setPastDrop] = useState<{
    args: EventInteractionArgs<DiaryEvent>
    resize: boolean
  } | null>(null)

  const reschedule = useCallback(
    async (args: EventInteractionArgs<DiaryEvent>, resize: boolean, confirmPast = false) => {
      const { event, start, end, resourceId } = args
      setNotice(null)
      const newStart = fromWall(new Date(start), tz).getTime()
      if (
        !confirmPast &&
        newStart !== Date.parse(event.appt.startsAt) &&
        startsInThePast(newStart, Date.now())
      ) {
        setPastDrop({ args, resize })
        return
      }
      // Dropped in a view without therapist columns (week, month): the therapist stays.
      if (event.appt.seriesId !== null && !resize) {
        setSeriesDrop({
          appointment: event.appt,
          therapistId: therapistOfColumn(resourceId) ?? event.resourceId,
          startsAt: fromWall(new Date(start), tz).toISOString(),
          confirmPast,
        })
        return
      }
      try {
        await moveOne({
          id: event.id,
          therapistId: therapistOfColumn(resourceId) ?? event.resourceId,
          startsAt: fromWall(new Date(start), tz).toISOString(),
          ...(resize ? { endsAt: fromWall(new Date(end), tz).toISOString() } : {}),
          ...(confirmPast ? { confirmPast } : {}),
        })
        const was = event.appt
        setNotice({
          kind: 'ok',
          text: `${was.clientName} ${resize ? 'now ends' : 'moved to'} ${format(new Date(resize ? end : start), 'EEE d MMM HH:mm')}.`,
          // A drag is one slip of the mouse from the wrong slot: put it back as it was (its
          // first place may be earlier today, so the past is confirmed; main checks the rest).
          undo: async () => {
            try {
              await moveOne({
                id: was.id,
                therapistId: was.therapistId,
                startsAt: was.startsAt,
                ...(resize ? { endsAt: was.endsAt } : {}),
                confirmPast: true,
              })
              return {
                kind: 'ok',
                text: `Undone: ${was.clientName} is back at ${formatClinic(was.startsAt, 'EEE d MMM HH:mm', tz)}.`,
              }
            } catch (error) {
              return {
                kind: 'error',
                text: `Not undone: ${errorWords(error, 'something went wrong.')} Move it back by hand.`,
              }
            }
          },
        })
      } catch (error) {
        // The event was never moved in our data, so it is already back where it was.
        setNotice(notMoved(error))
      }
    },
    [moveOne, tz, setNotice],
  )
  const moveRepeating = useCallback(
    async (drop: SeriesDrop, scope: SeriesScope) => {
      setSeriesDrop(null)
      const label = formatClinic(drop.startsAt, 'EEE d MMM HH:mm', tz)
      try {
        if (scope === 'one') {
          await moveOne({
            id: drop.appointment.id,
            therapistId: drop.therapistId,
            startsAt: drop.startsAt,
            confirmPast: drop.confirmPast,
          })
          setNotice({ kind: 'ok', text: `${drop.appointment.clientName} moved to ${label}.` })
          return
        }
        const r = await moveMany({
          id: drop.appointment.id,
          therapistId: drop.therapistId,
          startsAt: drop.startsAt,
          scope,
          confirmPast: drop.confirmPast,
        })
        setNotice({
          kind: 'ok',
          text: `${drop.appointment.clientName}: ${r.occurrences.length} repeating appointments moved, from ${label}.`,
        })
      } catch (error) {
        setNotice(notMoved(error))
      }
    },
    [moveOne, moveMany, tz, setNotice],
  )
  const onEventDrop = useCallback(
    (args: EventInteractionArgs<DiaryEvent>) => void reschedule(args, false),
    [reschedule],
  )
  const onEventResize = useCallback(
    (args: EventInteractionArgs<DiaryEvent>) => void reschedule(args, true),
    [reschedule],
  )
  const draggable = useCallback(
    (event: DiaryEvent) => event.appt.status === 'booked' || event.appt.status === 'arrived',
    [],
  )
  return {
    onEventDrop,
    onEventResize,
    draggable,
    seriesDrop,
    /** The drop waiting for "yes, move it into the past", and the answers to it. */
    pastDrop: pastDrop && {
      clientName: pastDrop.args.event.appt.clientName,
      startsAt: fromWall(new Date(pastDrop.args.start), tz).toISOString(),
    },
    confirmPastDrop: () => {
      if (pastDrop) void reschedule(pastDrop.args, pastDrop.resize, true)
      setPastDrop(null)
    },
    cancelPastDrop: () => setPastDrop(null),
    cancelSeriesDrop: () => setSeriesDrop(null),
    chooseSeriesScope: (scope: SeriesScope) => {
      if (seriesDrop) void moveRepeating(seriesDrop, scope)
    },
  }
}
