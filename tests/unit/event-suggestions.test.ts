import { describe, expect, it } from 'vitest'
import {
  eventSuggestions,
  seriesInstants,
  startOfLocalDay,
} from '../../src/shared/diary/event-suggestions'

const services = [
  { id: 1, name: 'Sports massage', durationMinutes: 60 },
  { id: 2, name: 'Pre-event flush', durationMinutes: 30 },
  { id: 3, name: 'Deep tissue', durationMinutes: 90 },
]

describe('race-aware booking suggestions', () => {
  it('offers pre-event on the lighter service, recovery after, and maintenance rhythms', () => {
    const s = eventSuggestions({
      eventDate: '2026-04-05',
      eventName: 'Brighton Marathon',
      today: '2026-03-01',
      services,
      usualServiceId: 1,
    })
    expect(
      s.map((x) => [
        x.key,
        x.kind,
        x.fromDate,
        x.toDate,
        x.serviceId,
        x.repeatEvery,
        x.repeatCount,
      ]),
    ).toEqual([
      ['1', 'pre-event', '2026-03-31', '2026-04-03', 2, 0, 1],
      ['2', 'post-event', '2026-04-07', '2026-04-09', 1, 0, 1],
      // 2 March to 30 March (the day before the pre-event window): 28 days.
      ['3', 'maintenance', '2026-03-02', '2026-03-08', 1, 1, 5],
      ['4', 'maintenance', '2026-03-02', '2026-03-08', 1, 2, 3],
      ['5', 'maintenance', '2026-03-02', '2026-03-08', 1, 4, 2],
    ])
    expect(s[0]!.label).toBe(
      'Pre-event Pre-event flush, Tue 31 Mar–Fri 3 Apr (2–5 days before Brighton Marathon)',
    )
  })

  it('offers recovery and maintenance on an ordinary service even when the light one is chosen', () => {
    const s = eventSuggestions({
      eventDate: '2026-04-05',
      eventName: 'Race',
      today: '2026-03-01',
      services,
      usualServiceId: 2,
    })
    expect(s.map((x) => [x.kind, x.serviceId])).toEqual([
      ['pre-event', 2],
      ['post-event', 1],
      ['maintenance', 1],
      ['maintenance', 1],
      ['maintenance', 1],
    ])
  })

  it('picks the shortest shorter service when none is named as light', () => {
    const s = eventSuggestions({
      eventDate: '2026-04-05',
      eventName: '',
      today: '2026-04-01',
      services: [
        services[0]!,
        services[2]!,
        { id: 4, name: 'Back and shoulders', durationMinutes: 45 },
      ],
      usualServiceId: 3,
    })
    expect(s[0]).toMatchObject({
      kind: 'pre-event',
      serviceId: 4,
      fromDate: '2026-04-01',
      toDate: '2026-04-03',
    })
    expect(s.some((x) => x.kind === 'maintenance')).toBe(false)
  })

  it('offers only recovery once the event is close or just over, and nothing later', () => {
    const base = { eventName: 'Parkrun', services, usualServiceId: 1 }
    expect(
      eventSuggestions({ ...base, eventDate: '2026-04-05', today: '2026-04-04' }).map(
        (x) => x.kind,
      ),
    ).toEqual(['post-event'])
    const after = eventSuggestions({ ...base, eventDate: '2026-04-05', today: '2026-04-08' })
    expect(after.map((x) => [x.kind, x.fromDate, x.toDate])).toEqual([
      ['post-event', '2026-04-08', '2026-04-09'],
    ])
    expect(eventSuggestions({ ...base, eventDate: '2026-04-05', today: '2026-04-10' })).toEqual([])
    expect(eventSuggestions({ ...base, eventDate: '', today: '2026-04-10' })).toEqual([])
  })

  it('keeps local dates across the spring clock change (29 March 2026)', () => {
    // Event on Tue 31 March: the pre-event window (26–29 March) straddles the change.
    const s = eventSuggestions({
      eventDate: '2026-03-31',
      eventName: 'Race',
      today: '2026-03-20',
      services,
      usualServiceId: 1,
    })
    expect(s[0]).toMatchObject({ fromDate: '2026-03-26', toDate: '2026-03-29' })
    expect(startOfLocalDay('2026-03-26', 'Europe/London')).toBe('2026-03-26T00:00:00.000Z')
    expect(startOfLocalDay('2026-03-30', 'Europe/London')).toBe('2026-03-29T23:00:00.000Z')
  })

  it('keeps a weekly 09:00 maintenance series at 09:00 local through both clock changes', () => {
    expect(seriesInstants('2026-03-22', '09:00', 1, 3, 'Europe/London')).toEqual([
      '2026-03-22T09:00:00.000Z',
      '2026-03-29T08:00:00.000Z',
      '2026-04-05T08:00:00.000Z',
    ])
    expect(seriesInstants('2026-10-18', '09:00', 2, 2, 'Europe/London')).toEqual([
      '2026-10-18T08:00:00.000Z',
      '2026-11-01T09:00:00.000Z',
    ])
  })

  it('counts maintenance sessions the same whatever zone the computer is in', () => {
    // The dates are calendar dates: the spring change inside the span must not lose a day.
    const s = eventSuggestions({
      eventDate: '2026-04-20',
      eventName: 'Race',
      today: '2026-03-15',
      services,
      usualServiceId: 1,
    })
    // 16 March to 14 April = 29 days: weekly 5, fortnightly 3, every 4 weeks 2.
    expect(s.filter((x) => x.kind === 'maintenance').map((x) => x.repeatCount)).toEqual([5, 3, 2])
  })
})
