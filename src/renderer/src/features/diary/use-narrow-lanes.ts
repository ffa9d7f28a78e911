import { useEffect, useState } from 'react'

/**
 * A lane of everyone's week whose text box is this wide or less shows the client's initials
 * instead of a name broken mid-word ("Ju / an / Sc / hu" in a user trial).
 */
export const NARROW_LANE_PX = 64
/** A booking's own padding (6 + 6) and borders (4 + 1) around its text, as diary.css draws it. */
const BOOKING_EDGES_PX = 17

/** The width (px) left for text in one of `lanes` equal lanes of a day column `columnPx` wide. */
export function laneTextWidth(columnPx: number, lanes: number): number {
  return columnPx / Math.max(1, lanes) - BOOKING_EDGES_PX
}

/**
 * Whether everyone's week is too narrow for names, from one day column's width: every lane
 * is the same width (therapist-columns.ts), so one measurement on resize decides for all.
 * It was a container query on each booking, which made every one of ~930 bookings a layout
 * container to hit-test and lay out on every frame of a drag (issue 19). `lanes` 0: not
 * everyone's week.
 */
export function useNarrowLanes(root: HTMLElement | null, lanes: number): boolean {
  const [narrow, setNarrow] = useState(false)
  useEffect(() => {
    if (!root || lanes === 0) return
    const measure = () => {
      const column = root.querySelector('.rbc-day-slot .rbc-events-container')
      if (column) {
        setNarrow(laneTextWidth(column.getBoundingClientRect().width, lanes) <= NARROW_LANE_PX)
      }
    }
    // A ResizeObserver reports once as it starts, then on every change of size.
    const observer = new ResizeObserver(measure)
    observer.observe(root)
    return () => observer.disconnect()
  }, [root, lanes])
  return lanes > 0 && narrow
}
