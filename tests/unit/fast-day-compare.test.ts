import { format, getDay, parse, startOfWeek } from 'date-fns'
import { enGB } from 'date-fns/locale'
import { describe, expect, it } from 'vitest'
import { withFastDayCompare } from '../../src/shared/diary/fast-day-compare'

// By name in a variable: the library's types need the DOM lib, which the tests' tsconfig leaves out.
const CALENDAR = 'react-big-calendar'
const { dateFnsLocalizer } = (await import(CALENDAR)) as unknown as {
  dateFnsLocalizer: (spec: object) => Localizer
}
const make = () =>
  dateFnsLocalizer({ format, parse, startOfWeek, getDay, locales: { 'en-GB': enGB } })

type Cmp = (a: Date, b: Date, unit?: string) => boolean
interface Localizer {
  lt: Cmp
  lte: Cmp
  gt: Cmp
  gte: Cmp
  eq: Cmp
  neq: Cmp
  inRange(day: Date, min: Date, max: Date, unit: string): boolean
  diff(a: Date, b: Date, unit?: string): number
  inEventRange(r: { event: { start: Date; end: Date }; range: { start: Date; end: Date } }): boolean
}

describe('the diary localizer’s number-only day comparers', () => {
  it('answer exactly as react-big-calendar’s own do, across midnights and the clocks changing', () => {
    const library = make()
    const fast = withFastDayCompare(make())
    // Times around midnight and both 2026 clock changes, to the minute, plus random ones.
    const base = [
      '2026-03-28T23:59',
      '2026-03-29T00:00',
      '2026-03-29T01:30',
      '2026-03-29T23:59',
      '2026-10-25T00:00',
      '2026-10-25T01:30',
      '2026-10-25T23:59',
      '2026-12-31T23:59',
      '2027-01-01T00:00',
    ].map((s) => new Date(s))
    let seed = 42
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 3e10
    const dates = [...base, ...Array.from({ length: 60 }, () => new Date(1.79e12 + random()))]
    let checked = 0
    for (const a of dates) {
      for (const b of dates) {
        for (const unit of ['day', undefined, 'month', 'minutes'] as const) {
          for (const op of ['lt', 'lte', 'gt', 'gte', 'eq', 'neq'] as const) {
            expect(
              fast[op](a, b, unit),
              `${op} ${a.toISOString()} ${b.toISOString()} ${unit}`,
            ).toBe(library[op](a, b, unit))
          }
          checked++
        }
        expect(fast.inRange(a, b, base[3]!, 'day')).toBe(library.inRange(a, b, base[3]!, 'day'))
        for (const unit of ['minutes', 'day', undefined]) {
          expect(fast.diff(a, b, unit), `diff ${a.toISOString()} ${b.toISOString()} ${unit}`).toBe(
            library.diff(a, b, unit),
          )
        }
        // A booking a..b (or b..a) against the ranges the week view asks about.
        const [start, end] = a <= b ? [a, b] : [b, a]
        for (const range of [
          { start: base[1]!, end: base[3]! },
          { start: base[4]!, end: base[6]! },
          { start: a, end: b },
          { start: b, end: b },
        ]) {
          const r = { event: { start, end }, range }
          expect(fast.inEventRange(r), `inEventRange ${JSON.stringify(r)}`).toBe(
            library.inEventRange(r),
          )
        }
      }
    }
    expect(checked).toBe(dates.length * dates.length * 4)
  }, 60_000) // tens of thousands of comparisons: seconds on a busy 2-core CI machine
})
