import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
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

const rbc = (path: string) => readFileSync(resolve('node_modules/react-big-calendar', path), 'utf8')

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
  it.each(['dist/react-big-calendar.esm.js', 'lib/Calendar.js'])(
    'compares every prop %s reads',
    (file) =>
      expect([...CALENDAR_CONTEXT_INPUTS].sort()).toEqual(contextInputsIn(rbc(file)).sort()),
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

describe("the drag-and-drop styles, the library's less the fade of every other booking", () => {
  const rules = (css: string) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('}')
      .map((r) => r.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
  it('keeps every other rule as the library has it', () => {
    const ours = rules(readFileSync('src/renderer/src/features/diary/diary-dnd.css', 'utf8'))
    const theirs = rules(rbc('lib/addons/dragAndDrop/styles.css'))
    const dropped = theirs.filter((r) => !ours.includes(r))
    expect(dropped).toEqual([
      '.rbc-addons-dnd .rbc-event { transition: opacity 150ms;',
      '.rbc-addons-dnd.rbc-addons-dnd-is-dragging .rbc-event:not(.rbc-addons-dnd-dragged-event):not(.rbc-addons-dnd-drag-preview) { opacity: 0.5;',
    ])
    expect(ours.filter((r) => !theirs.includes(r))).toEqual([])
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
