import { useCallback, useState } from 'react'
import type { SlotInfo } from 'react-big-calendar'
import { fromWall } from '../../../../shared/diary/wall-clock'
import { openBooking } from './booking-store'
import { keepDiary, keptDiary } from './diary-kept'
import { therapistOfColumn } from './calendar-column'
import type { DiaryEvent } from './diary-events'
import type { DiaryView } from './visible-range'

/**
 * Clicks in the calendar: a booking opens its dialog (`openId`); an empty slot starts a
 * booking there (with that column's therapist, or the one filtered to); a day in the month
 * view opens that day.
 */
export function useDiarySelection({
  view,
  therapistFilter,
  tz,
  showDay,
}: {
  view: DiaryView
  therapistFilter: number | 'all'
  tz: string
  showDay(day: Date): void
}) {
  const [openId, setOpenIdOnly] = useState<number | null>(() => keptDiary().openId)
  const setOpenId = useCallback((id: number | null) => {
    setOpenIdOnly(id)
    keepDiary({ openId: id })
  }, [])
  const onSelectSlot = useCallback(
    (slot: SlotInfo) => {
      const therapistId =
        therapistOfColumn(slot.resourceId) ??
        (therapistFilter !== 'all' ? therapistFilter : undefined)
      if (view === 'month') {
        showDay(slot.start)
        return
      }
      openBooking({ therapistId, startsAt: fromWall(slot.start, tz).toISOString() })
    },
    [therapistFilter, view, tz, showDay],
  )
  const onSelectEvent = useCallback((event: DiaryEvent) => setOpenId(event.id), [setOpenId])
  return { openId, closeAppointment: () => setOpenId(null), onSelectSlot, onSelectEvent }
}
