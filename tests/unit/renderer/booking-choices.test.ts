import { describe, expect, it } from 'vitest'
import {
  defaultServiceId,
  pickStillFits,
  searchStart,
  searchWindow,
  type SearchChoices,
} from '../../../src/renderer/src/features/diary/booking-plan'

const LONDON = 'Europe/London'
// Listed alphabetically, as services.list returns them.
const services = [{ id: 1 }, { id: 2 }, { id: 3 }] // Assessment, Deep tissue, Sports massage
const therapists = [
  { id: 10, serviceIds: [1, 2, 3] },
  { id: 11, serviceIds: [2, 3] },
]
const usage = {
  clinic: [
    { serviceId: 3, count: 40 },
    { serviceId: 2, count: 12 },
  ],
  byTherapist: [
    { therapistId: 10, serviceId: 3, count: 35 },
    { therapistId: 11, serviceId: 2, count: 12 },
    { therapistId: 11, serviceId: 3, count: 5 },
  ],
}

describe('the service a booking starts on', () => {
  it('is the clinic’s most used, not the first alphabetically', () => {
    expect(defaultServiceId(services, therapists, usage, null)).toBe(3)
  })
  it('is the therapist’s own most used when a therapist is chosen (or clicked in the diary)', () => {
    expect(defaultServiceId(services, therapists, usage, 11)).toBe(2)
    expect(defaultServiceId(services, therapists, usage, 10)).toBe(3)
  })
  it('falls back to the clinic’s most used that the therapist offers, then the first they offer', () => {
    const noHistory = { ...usage, byTherapist: [] }
    expect(defaultServiceId(services, therapists, noHistory, 11)).toBe(3)
    expect(defaultServiceId(services, therapists, { clinic: [], byTherapist: [] }, 11)).toBe(2)
  })
  it('is the first listed with no usage yet (a new clinic) or before it has loaded', () => {
    expect(defaultServiceId(services, therapists, undefined, null)).toBe(1)
    expect(defaultServiceId([], therapists, usage, null)).toBeNull()
  })
})

describe('a chosen time kept across a change of choices', () => {
  // Wednesday 17 June 2026, 10:00 in London (BST), with therapist 11.
  const picked = { therapistId: 11, startsAt: '2026-06-17T09:00:00.000Z', endsAt: null }
  const base: SearchChoices = {
    serviceId: 3,
    therapistId: null,
    days: 'any',
    partOfDay: 'any',
    fromDate: '2026-06-17',
  }
  const fits = (patch: Partial<SearchChoices>) =>
    pickStillFits(picked, { ...base, ...patch }, therapists, LONDON)

  it('stays when the service changes to another the therapist offers', () => {
    expect(fits({ serviceId: 2 })).toBe(true)
  })
  it('goes when the therapist does not offer the new service', () => {
    expect(fits({ serviceId: 1 })).toBe(false)
  })
  it('follows the therapist, days, time of day and start date asked for (clinic clock)', () => {
    expect(fits({ therapistId: 11 })).toBe(true)
    expect(fits({ therapistId: 10 })).toBe(false)
    expect(fits({ days: 'weekdays' })).toBe(true)
    expect(fits({ days: 'weekends' })).toBe(false)
    expect(fits({ partOfDay: 'morning' })).toBe(true) // 10:00 London, 09:00 UTC
    expect(fits({ partOfDay: 'afternoon' })).toBe(false)
    expect(fits({ fromDate: '2026-06-17' })).toBe(true)
    expect(fits({ fromDate: '2026-06-18' })).toBe(false)
  })
  it('reads the time of day on the clinic’s clock across midnight UTC', () => {
    // 23:30 UTC on Friday 19 June is 00:30 on Saturday in London.
    const late = { therapistId: 11, startsAt: '2026-06-19T23:30:00.000Z', endsAt: null }
    const at = (patch: Partial<SearchChoices>) =>
      pickStillFits(late, { ...base, ...patch }, therapists, LONDON)
    expect(at({ days: 'weekends' })).toBe(true)
    expect(at({ partOfDay: 'morning' })).toBe(true)
    expect(at({ partOfDay: 'evening' })).toBe(false)
  })
})

describe('the slot search by weekday and its start', () => {
  it('narrows to one day of the week: Thursday evenings', () => {
    expect(searchWindow({ days: 'thu', partOfDay: 'evening' })).toEqual({
      weekdays: [4],
      after: '17:00',
      before: '24:00',
    })
    expect(searchWindow({ days: 'sun', partOfDay: 'any' }).weekdays).toEqual([7])
  })
  it('starts today, and says why, when the "Search from" date has passed', () => {
    expect(searchStart('2026-06-10', '2026-06-17')).toEqual({
      date: '2026-06-17',
      note: 'That date has passed, so the search starts from today.',
    })
    expect(searchStart('2026-06-17', '2026-06-17')).toEqual({ date: '2026-06-17', note: null })
    expect(searchStart('2026-07-01', '2026-06-17')).toEqual({ date: '2026-07-01', note: null })
  })
})
