import { describe, expect, it } from 'vitest'
import { longRunFlag, sessionLoad } from '../../src/shared/measures/training-load'

describe('session-RPE load (Foster 2001)', () => {
  it('sums RPE × minutes over the week', () => {
    // 6 × 45 + 4 × 30 + 8 × 90 = 270 + 120 + 720
    expect(
      sessionLoad([
        { rpe: 6, minutes: 45 },
        { rpe: 4, minutes: 30 },
        { rpe: 8, minutes: 90 },
      ]),
    ).toBe(1110)
    expect(sessionLoad([])).toBe(0)
  })
})

describe('the 10% longest-run flag (Garmin-RUNSAFE, Frandsen 2025)', () => {
  const earlier = [
    { on: '2026-05-20', km: 16 }, // 28 days before 17 June: in the window
    { on: '2026-06-06', km: 12 },
    { on: '2026-05-10', km: 30 }, // 38 days before: outside the window
  ]
  it('flags a run more than 10% longer than the longest of the previous 30 days', () => {
    expect(longRunFlag({ on: '2026-06-17', km: 18 }, earlier)).toEqual({
      on: '2026-06-17',
      km: 18,
      baselineKm: 16,
      increasePercent: 12.5,
    })
  })
  it('does not flag exactly 10% more, or less', () => {
    expect(longRunFlag({ on: '2026-06-17', km: 17.6 }, earlier)).toBeNull()
    expect(longRunFlag({ on: '2026-06-17', km: 15 }, earlier)).toBeNull()
  })
  it('looks back exactly 30 days, not counting the same day', () => {
    // On 19 June, 20 May is 30 days back (in); on 20 June it is 31 (out) and 12 km leads.
    expect(longRunFlag({ on: '2026-06-19', km: 17.7 }, earlier)?.baselineKm).toBe(16)
    expect(longRunFlag({ on: '2026-06-20', km: 13.3 }, earlier)?.baselineKm).toBe(12)
    expect(longRunFlag({ on: '2026-06-06', km: 14 }, [{ on: '2026-06-06', km: 5 }])).toBeNull()
  })
  it('has no baseline, so no flag, without runs in the window', () => {
    expect(longRunFlag({ on: '2026-06-17', km: 42 }, [])).toBeNull()
  })
  it('uses the longest run the client told us about when it is larger', () => {
    expect(longRunFlag({ on: '2026-06-17', km: 18 }, earlier, 20)).toBeNull()
    expect(longRunFlag({ on: '2026-06-17', km: 18 }, [], 15)?.increasePercent).toBe(20)
  })
})
