import { describe, expect, it } from 'vitest'
import {
  emptyDraft,
  type BookingDraft,
} from '../../../src/renderer/src/features/diary/booking-draft'
import {
  bookButtonLabel,
  bookRequest,
  clashing,
  missingForBooking,
  newClientFrom,
  planHeading,
  searchWindow,
  seriesCount,
  seriesRequest,
  startingDraft,
  waitlistWindows,
} from '../../../src/renderer/src/features/diary/booking-plan'

const LONDON = 'Europe/London'
const draft = (patch: Partial<BookingDraft> = {}): BookingDraft => ({
  ...emptyDraft('2026-06-17'),
  ...patch,
})
const ready = draft({
  client: { id: 7, name: 'Priya Shah', phone: '07911 123456', alerts: [] },
  picked: { therapistId: 3, startsAt: '2026-06-18T09:00:00.000Z', endsAt: null },
  notes: 'parking',
})

describe('the slot search window', () => {
  it('is the whole week and day by default', () => {
    expect(searchWindow(draft())).toEqual({
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      after: '00:00',
      before: '24:00',
    })
    expect(waitlistWindows(draft())).toEqual([])
  })
  it('is weekday evenings, and the waiting list keeps that window', () => {
    const d = draft({ days: 'weekdays', partOfDay: 'evening' })
    const window = { weekdays: [1, 2, 3, 4, 5], after: '17:00', before: '24:00' }
    expect(searchWindow(d)).toEqual(window)
    expect(waitlistWindows(d)).toEqual([window])
  })
  it('keeps a window when only one of the two is narrowed', () => {
    expect(waitlistWindows(draft({ partOfDay: 'morning' }))).toEqual([
      { weekdays: [1, 2, 3, 4, 5, 6, 7], after: '00:00', before: '12:00' },
    ])
    expect(waitlistWindows(draft({ days: 'weekends' }))).toHaveLength(1)
  })
})

describe('the starting draft', () => {
  it('takes an empty slot clicked in the diary, its therapist and its day (clinic clock)', () => {
    // 23:30 UTC on 17 June is 00:30 on the 18th in London (BST).
    const d = startingDraft(
      draft({ therapistId: 1 }),
      { therapistId: 2, startsAt: '2026-06-17T23:30:00.000Z' },
      LONDON,
    )
    expect(d.therapistId).toBe(2)
    expect(d.fromDate).toBe('2026-06-18')
    expect(d.picked).toEqual({ therapistId: 2, startsAt: '2026-06-17T23:30:00.000Z', endsAt: null })
  })
  it('keeps the draft as it was when opened with Ctrl+B', () => {
    const kept = draft({ query: 'Pri', notes: 'x' })
    expect(startingDraft(kept, null, LONDON)).toBe(kept)
  })
  it('picks no time when the slot had no therapist (everyone’s week)', () => {
    const d = startingDraft(draft(), { startsAt: '2026-06-18T09:00:00.000Z' }, LONDON)
    expect(d.picked).toBeNull()
    expect(d.fromDate).toBe('2026-06-18')
  })
})

describe('booking requests', () => {
  it('says what is missing, in order', () => {
    expect(missingForBooking(draft(), 1)).toBe('Find or add the client first.')
    expect(missingForBooking({ ...ready }, null)).toBe('Choose the service.')
    expect(missingForBooking({ ...ready, picked: null }, 1)).toBe('Choose a time from the list.')
    expect(missingForBooking(ready, 1)).toBeNull()
  })
  it('books the picked slot, with an owner override when given', () => {
    expect(bookRequest(ready, 4)).toEqual({
      clientId: 7,
      serviceId: 4,
      therapistId: 3,
      startsAt: '2026-06-18T09:00:00.000Z',
      notes: 'parking',
    })
    expect(bookRequest(ready, 4, { reason: 'agreed' }).override).toEqual({ reason: 'agreed' })
  })
  it('clamps a series to 2–52 dates', () => {
    expect([
      seriesCount(0),
      seriesCount(1),
      seriesCount(6),
      seriesCount(99),
      seriesCount(NaN),
    ]).toEqual([2, 2, 6, 52, 2])
    const r = seriesRequest({ ...ready, repeatEvery: 2, repeatCount: 80 }, 4, { dryRun: true })
    expect(r).toMatchObject({ everyWeeks: 2, count: 52, dryRun: true })
    expect(seriesRequest({ ...ready, repeatEvery: 1 }, 4, { skip: ['a'] })).toMatchObject({
      skip: ['a'],
    })
  })
  it('lists the clashes and words the heading and the button', () => {
    const plan = [
      { startsAt: 'a', conflicts: [] },
      { startsAt: 'b', conflicts: ['Sam is busy'] },
      { startsAt: 'c', conflicts: ['Closed'] },
    ]
    expect(clashing(plan)).toEqual(['b', 'c'])
    expect(planHeading(plan)).toBe('3 dates · 2 clash — skip them or change the time')
    expect(planHeading(plan.slice(0, 1))).toBe('1 dates · all free')
    expect(bookButtonLabel(false, 0, null, [])).toBe('Book')
    expect(bookButtonLabel(false, 1, null, [])).toBe('Check the dates')
    expect(bookButtonLabel(false, 1, plan, ['b'])).toBe('Book 2 appointments')
    expect(bookButtonLabel(true, 1, plan, [])).toBe('Booking…')
  })
})

describe('a new client from what was searched', () => {
  it.each([
    ['Sally Jones', { firstName: 'Sally', lastName: 'Jones', mobile: '' }],
    ['  Walter de la Mare ', { firstName: 'Walter', lastName: 'de la Mare', mobile: '' }],
    ['07911 123456', { firstName: '', lastName: '', mobile: '07911 123456' }],
    ['+44 (0)7911 123-456', { firstName: '', lastName: '', mobile: '+44 (0)7911 123-456' }],
    ['Cher', { firstName: 'Cher', lastName: '', mobile: '' }],
  ])('%s', (query, expected) => expect(newClientFrom(query)).toEqual(expected))
})
