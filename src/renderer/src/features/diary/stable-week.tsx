import { createElement, memo, type Component, type ComponentType, type ReactElement } from 'react'
import * as dayColumnModule from 'react-big-calendar/lib/DayColumn'
import * as dayModule from 'react-big-calendar/lib/Day'
import * as timeGridModule from 'react-big-calendar/lib/TimeGrid'
import * as weekModule from 'react-big-calendar/lib/Week'
import type { Event as CalendarEvent, ViewStatic } from 'react-big-calendar'

// react-big-calendar's own day and week views, redrawn in place (issue 19).
//
// Its TimeGrid keys each day column by the column's date (`${resource}-${date}`), so every
// next/previous threw away all seven columns and built them again: every booking's elements,
// every quarter-hour slot, and each column's drag-and-drop container, whose mount measures the
// page (dom-helpers' scrollParent: getComputedStyle + getBoundingClientRect) and so forced a
// layout of the whole new week in the middle of React's commit. A third of a full clinic's
// next/previous went there. Keyed by weekday instead, the columns stay and React only changes
// what differs; with `weekSlotKeys` the bookings' elements are reused as well.
// And a column is drawn again only when what it is given changes (`sameColumn`): a drop, or
// the notice after it, redrew every therapist's column of the day; now only the one or two
// the booking left and joined. Only the keys and the memo differ from the library's views;
// everything else is its own code.

declare module 'react-big-calendar' {
  // Calendar.js has taken it since 1.x (the key of each booking in the time grid); the
  // types leave it out. (A merged declaration repeats the type parameters, used or not.)
  interface CalendarProps<
    TEvent extends object = CalendarEvent,
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    TResource extends object = object,
  > {
    eventIdAccessor?: keyof TEvent | ((event: TEvent) => string | number) | undefined
  }
}

type Loose = Record<string, unknown>
type GridClass = new (props: Loose) => Component<Loose> & {
  renderDayColumn(date: Date, id: unknown, ...rest: unknown[]): ReactElement
  checkOverflow(): void
  rafHandle?: number
}
type WeekStatic = ViewStatic & { range(date: Date, options: { localizer: unknown }): Date[] }

/** The CommonJS modules' default export, whichever way the bundler hands it over. */
function defaultOf<T>(module: unknown): T {
  const m = module as { default?: T | { default?: T } }
  const inner = m.default
  if (inner && typeof inner === 'object' && 'default' in inner) return inner.default as T
  return (inner ?? module) as T
}

const TimeGrid = defaultOf<GridClass>(timeGridModule)
const Week = defaultOf<WeekStatic>(weekModule)
const Day = defaultOf<WeekStatic>(dayModule)
const DayColumn = defaultOf<ComponentType<Loose>>(dayColumnModule)

const sameValue = (a: unknown, b: unknown) =>
  a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime())

/**
 * Whether a day column would draw the same: every prop the same object, except that Dates
 * compare by instant and arrays (its bookings, the week's days) item by item, since the
 * library makes those anew on every render.
 */
export function sameColumn(prev: Loose, next: Loose): boolean {
  const keys = new Set([...Object.keys(prev), ...Object.keys(next)])
  for (const k of keys) {
    const a = prev[k]
    const b = next[k]
    if (sameValue(a, b)) continue
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false
  }
  return true
}

const MemoDayColumn = memo(DayColumn, sameColumn)

class StableTimeGrid extends TimeGrid {
  /**
   * The library measures whether the grid overflows (scrollHeight) before every update: a
   * forced layout of the whole week in the middle of React's work, on every drop and every
   * notice. Measured in the next frame instead, as its own resize handler does (and the
   * same handle, so unmounting cancels it).
   */
  override getSnapshotBeforeUpdate(): null {
    if (this.rafHandle !== undefined) cancelAnimationFrame(this.rafHandle)
    this.rafHandle = requestAnimationFrame(() => this.checkOverflow())
    return null
  }
  override renderDayColumn(date: Date, id: unknown, ...rest: unknown[]): ReactElement {
    const column = super.renderDayColumn(date, id, ...rest) as ReactElement<Loose>
    // A view shows each weekday once, so the weekday (and the therapist) names the column.
    return createElement(MemoDayColumn, { ...column.props, key: `${String(id)}-${date.getDay()}` })
  }
}

/** The library's view `base` (Day or Week) drawn with the stable grid. */
function stableView(base: WeekStatic, eventOffset: number) {
  function StableView(props: Loose) {
    const { date, localizer, min, max, scrollToTime, enableAutoScroll, ...rest } = props as {
      date: Date
      localizer: { startOf(d: Date, unit: string): Date; endOf(d: Date, unit: string): Date }
    } & Loose
    const now = new Date()
    return createElement(StableTimeGrid, {
      ...rest,
      range: base.range(date, { localizer }),
      eventOffset,
      localizer,
      min: min ?? localizer.startOf(now, 'day'),
      max: max ?? localizer.endOf(now, 'day'),
      scrollToTime: scrollToTime ?? localizer.startOf(now, 'day'),
      enableAutoScroll: enableAutoScroll ?? true,
    })
  }
  return Object.assign(StableView, {
    range: base.range,
    navigate: base.navigate,
    title: base.title,
  }) as ComponentType<Loose> & WeekStatic
}
/**
 * The week view for `views={{ week: StableWeek }}`: the library's Week, whose day columns
 * (and, with stable event keys, bookings) survive next/previous instead of being rebuilt.
 */
export const StableWeek = stableView(Week, 15)
/** The day view, a column per therapist, each redrawn only when its bookings change. */
export const StableDay = stableView(Day, 10)

/**
 * Keys for everyone's week that stay with a place rather than a booking: the n-th booking of
 * a therapist's day. Next/previous then reuses each booking's elements for the booking in the
 * same place the next week (new text and position, no new elements), instead of removing ~930
 * bookings and creating ~930 more. Keys are unique within a day column, which is all React
 * needs. `events` in the calendar's order (by start).
 */
export function weekSlotKeys<E extends { start: Date; resourceId: number }>(
  events: readonly E[],
): (event: E) => string {
  const keys = new Map<E, string>()
  const counts = new Map<string, number>()
  for (const e of events) {
    const place = `${e.start.getFullYear()}-${e.start.getMonth()}-${e.start.getDate()}-${e.resourceId}`
    const n = counts.get(place) ?? 0
    counts.set(place, n + 1)
    keys.set(e, `${e.start.getDay()}-${e.resourceId}-${n}`)
  }
  return (event) => keys.get(event) ?? `x-${String((event as { id?: unknown }).id)}`
}
