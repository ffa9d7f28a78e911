import { useEffect } from 'react'

/**
 * Scrolls the day or week grid so `target` (a wall-clock Date, e.g. a booking just made)
 * shows, an hour below the top. react-big-calendar reads its own `scrollToTime` only when the
 * grid first mounts, so a booking made with the diary already open was left off screen.
 * `from` and `to` are the grid's shown minutes of the day (visibleHours).
 */
export function useScrollToTime(
  calendarBox: HTMLElement | null,
  target: Date | null,
  from: number,
  to: number,
): void {
  useEffect(() => {
    if (!calendarBox || !target) return
    const frame = requestAnimationFrame(() => {
      const content = calendarBox.querySelector<HTMLElement>('.rbc-time-content')
      if (!content) return
      const minute = target.getHours() * 60 + target.getMinutes() - 60
      const ratio = Math.min(1, Math.max(0, (minute - from) / (to - from)))
      content.scrollTop = content.scrollHeight * ratio
    })
    return () => cancelAnimationFrame(frame)
    // Only when there is a new target: the user's own scrolling afterwards is theirs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [calendarBox, target])
}
