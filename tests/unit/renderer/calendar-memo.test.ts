import { describe, expect, it } from 'vitest'
import { Calendar } from 'react-big-calendar'
import {
  CALENDAR_CONTEXT_INPUTS,
  memoiseCalendarContext,
} from '../../../src/renderer/src/features/diary/calendar-memo'
import {
  laneTextWidth,
  NARROW_LANE_PX,
} from '../../../src/renderer/src/features/diary/use-narrow-lanes'

// The library's two builds as text (Vite's ?raw). Our copy of its drag-and-drop styles is
// checked in tests/unit/diary-dnd-styles.test.ts.
import esmBuild from 'react-big-calendar/dist/react-big-calendar.esm.js?raw'
import cjsCalendar from 'react-big-calendar/lib/Calendar.js?raw'

/** The props a build of Calendar.getContext destructures from its argument. */
function contextInputsIn(source: string): string[] {
  const start = source.indexOf('function getContext(_ref')
  expect(start).toBeGreaterThan(0)
  const body = source.slice(start, source.indexOf('return {', start))
  const arg = /function getContext\((\w+)\)/.exec(body)![1]!
  return [...new Set([...body.matchAll(new RegExp(`${arg}\\.(\\w+)`, 'g'))].map((m) => m[1]!))]
}

describe("the calendar's context, kept while its inputs stay", () => {
  // A prop getContext reads but the memo does not compare would draw a stale diary.
  it.each([
    ['dist/react-big-calendar.esm.js', esmBuild],
    ['lib/Calendar.js', cjsCalendar],
  ])('compares every prop %s reads', (_file, source) =>
    expect([...CALENDAR_CONTEXT_INPUTS].sort()).toEqual(contextInputsIn(source).sort()),
  )

  it('hands back the same context for the same inputs, and a new one when one changes', () => {
    memoiseCalendarContext(Calendar)
    memoiseCalendarContext(Calendar) // twice is once
    const inner = (
      Calendar as unknown as { ControlledComponent: { getContext(p: object): object } }
    ).ControlledComponent
    const eventPropGetter = () => ({})
    const props = { view: 'week', views: ['week'], localizer: { formats: {} }, eventPropGetter }
    const first = inner.getContext(props)
    // Other props (the bookings, the date) are not the context's business.
    expect(inner.getContext({ ...props, events: [1], date: new Date() })).toBe(first)
    const changed = inner.getContext({ ...props, eventPropGetter: () => ({}) })
    expect(changed).not.toBe(first)
    expect(inner.getContext({ ...props, view: 'day' })).not.toBe(changed)
  })
})

describe('names or initials in everyone’s week', () => {
  it.each([
    // A 1280 px screen's day column is ~130 px: four therapists leave 15 px, two 48 px.
    [130, 4, 15.5, true],
    [130, 2, 48, true],
    [162, 2, 64, true],
    [164, 2, 65, false],
    [600, 1, 583, false],
  ])('a %i px column with %i lanes leaves %f px for text', (column, lanes, px, narrow) => {
    expect(laneTextWidth(column, lanes)).toBeCloseTo(px, 5)
    expect(laneTextWidth(column, lanes) <= NARROW_LANE_PX).toBe(narrow)
  })
  it('treats no lanes as one', () => expect(laneTextWidth(100, 0)).toBe(83))
})
