import { useEffect, useMemo, useState } from 'react'
import {
  DEFAULT_TIME_ZONE,
  formatClinic,
  fromWall,
  toWall,
} from '../../../../shared/diary/wall-clock'
import { useDiaryRange, usePrefetchRanges } from '../../api/diary'
import { acknowledgeBooking, acknowledgedBooking, useBookingState } from './booking-store'
import { fetchRange, step, type DiaryView } from './visible-range'
import { keepDiary, keptDiary } from './diary-kept'

export interface Notice {
  kind: 'error' | 'ok'
  text: string
  /** Puts back what the notice reports (a drag's move): the Undo button and Ctrl+Z. */
  undo?: () => Promise<Notice>
}

/**
 * Where the diary is looking: the view and date (on the clinic's wall clock), the range
 * fetched for them, and the ranges either side prefetched so next/previous draw at once.
 * A booking just made (Ctrl+B) moves the diary to its day and says so in `notice`.
 */
export function useDiaryPosition(tz: string, setNotice: (n: Notice | null) => void) {
  // Back where it was after a lock (diary-kept.ts); today otherwise.
  const [date, setDate] = useState(() => keptDiary().date ?? toWall(Date.now(), DEFAULT_TIME_ZONE))
  const [view, setView] = useState<DiaryView>(() => keptDiary().view ?? 'day')
  useEffect(() => keepDiary({ date, view }), [date, view])
  const [scrollTarget, setScrollTarget] = useState<Date | null>(null)

  const { booked } = useBookingState()
  // Adjusted during render, not in an effect, so the diary does not draw the old day first.
  const [seenBooked, setSeenBooked] = useState(acknowledgedBooking)
  useEffect(() => acknowledgeBooking(booked), [booked])
  if (booked !== seenBooked) {
    setSeenBooked(booked)
    if (booked) {
      setDate(toWall(booked.startsAt, tz))
      setScrollTarget(toWall(booked.startsAt, tz))
      setNotice({
        kind: 'ok',
        text: `Booked for ${formatClinic(booked.startsAt, 'EEEE d MMMM, HH:mm', tz)}.`,
      })
    }
  }

  const range = useMemo(() => fetchRange(view, date), [view, date])
  const fromIso = fromWall(range.from, tz).toISOString()
  const toIso = fromWall(range.to, tz).toISOString()
  const diary = useDiaryRange(fromIso, toIso)
  const neighbours = useMemo(
    () =>
      // Two either side, nearest first: a quick next-next does not wait on a fetch.
      ([1, -1, 2, -2] as const).map((d) => {
        const r = fetchRange(view, step(view, date, d))
        return { from: fromWall(r.from, tz).toISOString(), to: fromWall(r.to, tz).toISOString() }
      }),
    [view, date, tz],
  )
  const prefetch = usePrefetchRanges(neighbours)
  useEffect(() => {
    if (diary.isSuccess && !diary.isPlaceholderData) prefetch()
  }, [diary.isSuccess, diary.isPlaceholderData, prefetch])

  return { date, setDate, view, setView, range, fromIso, diary, scrollTarget }
}
