// Where main's field errors land on a form: every error on a field the form shows, or in the
// banner in main's own words, never on a path the form does not have (issue #11 item 10).
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { clinicHoursInput, therapistInput } from '../../src/shared/contract/diary-setup'
import {
  formMessageFor,
  placeServerErrors,
} from '../../src/renderer/src/components/place-server-errors'
import {
  openingPathToDay,
  parseRanges,
  rangePathToDay,
  WEEKDAYS,
} from '../../src/renderer/src/features/setup/time-ranges'

/** Main's field errors for an input, exactly as the router words them. */
function refusalOf(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input)
  if (parsed.success) throw new Error('expected the input to be refused')
  return parsed.error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }))
}

/** The names an Opening hours form renders: a row a weekday, open days with two times. */
const hoursForm = (openDays: number[]) =>
  new Set([
    ...WEEKDAYS.map((d) => `days.${d.n - 1}.open`),
    ...openDays.flatMap((n) => [`days.${n - 1}.opens`, `days.${n - 1}.closes`]),
    'cancellationNoticeHours',
  ])

const therapistForm = new Set([
  'name',
  'colour',
  'active',
  'userId',
  'serviceIds',
  ...WEEKDAYS.flatMap((d) => [`hours.${d.short}`, `breaks.${d.short}`]),
])

describe('placing main’s field errors on a form', () => {
  it('puts Monday 20:00 to 08:00 on Monday’s closing time, not on "opening.0.closes"', () => {
    const opening = [{ weekday: 1, opens: '20:00', closes: '08:00' }]
    const errors = refusalOf(clinicHoursInput, {
      opening,
      closures: [],
      cancellationNoticeHours: 24,
    })
    expect(errors).toEqual([{ path: 'opening.0.closes', message: 'Close after opening' }])
    const fields = hoursForm([1])
    const placed = placeServerErrors(errors, (n) => fields.has(n), openingPathToDay(opening))
    expect(placed).toEqual({
      placed: [{ name: 'days.0.closes', message: 'Close after opening' }],
      unplaced: [],
    })
    expect(formMessageFor('Please correct the highlighted fields.', placed)).toBe(
      'Please correct the highlighted fields.',
    )
  })

  it('maps by the weekday sent, not the place in the list (Thursday sent second)', () => {
    const opening = [
      { weekday: 1, opens: '09:00', closes: '17:00' },
      { weekday: 4, opens: '18:00', closes: '10:00' },
    ]
    const errors = refusalOf(clinicHoursInput, {
      opening,
      closures: [],
      cancellationNoticeHours: 24,
    })
    const fields = hoursForm([1, 4])
    const { placed } = placeServerErrors(errors, (n) => fields.has(n), openingPathToDay(opening))
    expect(placed).toEqual([{ name: 'days.3.closes', message: 'Close after opening' }])
    // A weekday listed twice has no box: the words go to the banner instead.
    const twice = placeServerErrors(
      [{ path: 'opening.1.weekday', message: 'Listed twice' }],
      (n) => fields.has(n),
      openingPathToDay(opening),
    )
    expect(formMessageFor('Please correct the highlighted fields.', twice)).toBe(
      'Weekday: Listed twice',
    )
  })

  it('puts Wednesday 09:00-13:00, 12:00-20:00 on Wednesday’s working hours', () => {
    const wed = parseRanges('09:00-13:00, 12:00-20:00', 3)
    const mon = parseRanges('09:00-17:00', 1)
    const hours = [...mon.ranges, ...wed.ranges]
    const errors = refusalOf(therapistInput, { name: 'Sam', colour: '#2563eb', hours })
    expect(errors).toEqual([
      { path: 'hours.2.starts', message: 'Overlaps 09:00-13:00 on Wednesday' },
    ])
    const placed = placeServerErrors(
      errors,
      (n) => therapistForm.has(n),
      (p) => rangePathToDay(p, { hours, breaks: [] }),
    )
    expect(placed.placed).toEqual([
      { name: 'hours.Wed', message: 'Overlaps 09:00-13:00 on Wednesday' },
    ])
  })

  it('puts an overlapping break on that day’s breaks box', () => {
    const breaks = parseRanges('12:00-13:00; 12:30-13:30', 5).ranges
    const errors = refusalOf(therapistInput, { name: 'Sam', colour: '#2563eb', breaks })
    const placed = placeServerErrors(
      errors,
      (n) => therapistForm.has(n),
      (p) => rangePathToDay(p, { hours: [], breaks }),
    )
    expect(placed.placed.map((p) => p.name)).toEqual(['breaks.Fri'])
  })

  it('finds the field under a wrapper object and for an item of a list', () => {
    const fields = new Set(['firstName', 'tags', 'therapist'])
    const { placed, unplaced } = placeServerErrors(
      [
        { path: 'client.firstName', message: 'Enter the first name' },
        { path: 'tags.0', message: 'Keep tags short' },
        { path: 'mapping.therapist', message: 'Choose the column' },
      ],
      (n) => fields.has(n),
    )
    expect(unplaced).toEqual([])
    expect(placed.map((p) => p.name)).toEqual(['firstName', 'tags', 'therapist'])
  })

  it('words an error the form has no field for into the banner, with main’s words', () => {
    const result = placeServerErrors(
      [
        { path: 'opening.0.weekday', message: 'Listed twice' },
        { path: '', message: 'The clinic must open at least one day' },
      ],
      () => false,
    )
    expect(result.placed).toEqual([])
    expect(formMessageFor('Please correct the highlighted fields.', result)).toBe(
      'Weekday: Listed twice; The clinic must open at least one day',
    )
  })

  it('keeps main’s message and adds the words of what could not be highlighted', () => {
    const result = placeServerErrors(
      [
        { path: 'name', message: 'Enter the name' },
        { path: 'cancellationNoticeHours', message: 'At most a week' },
      ],
      (n) => n === 'name',
    )
    expect(formMessageFor('Please correct the highlighted fields.', result)).toBe(
      'Please correct the highlighted fields. Cancellation notice hours: At most a week',
    )
  })

  it('shows the first of several errors on one field', () => {
    const { placed } = placeServerErrors(
      [
        { path: 'pin', message: 'Use 4 to 8 digits' },
        { path: 'pin', message: 'Too easy to guess' },
      ],
      (n) => n === 'pin',
    )
    expect(placed).toEqual([{ name: 'pin', message: 'Use 4 to 8 digits' }])
  })
})
