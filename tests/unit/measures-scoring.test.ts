import { describe, expect, it } from 'vitest'
import { LEFS_MCID, lefsScore } from '../../src/shared/measures/lefs'
import { painChange } from '../../src/shared/measures/pain-change'
import { psfsKey, psfsMean } from '../../src/shared/measures/psfs'
import { asymmetryPercent } from '../../src/shared/measures/range-of-motion'
import { visaAScore } from '../../src/shared/measures/visa-a'

// Each expected value is worked out by hand from the published scoring (sources in the
// modules' comments), not by running the code.

describe('LEFS (Binkley 1999): 20 items 0–4, summed to 0–80', () => {
  it('sums a mixed form: ten 4s, five 3s, three 2s, one 1, one 0 = 40 + 15 + 6 + 1 = 62', () => {
    const answers = [...Array(10).fill(4), ...Array(5).fill(3), 2, 2, 2, 1, 0]
    expect(lefsScore(answers)).toBe(62)
  })
  it('scores the extremes 0 and 80', () => {
    expect(lefsScore(Array(20).fill(0))).toBe(0)
    expect(lefsScore(Array(20).fill(4))).toBe(80)
  })
  it('refuses a form with an item missing or out of range', () => {
    expect(() => lefsScore(Array(19).fill(4))).toThrow(RangeError)
    expect(() => lefsScore([...Array(19).fill(4), 5])).toThrow(RangeError)
    expect(() => lefsScore([...Array(19).fill(4), 2.5])).toThrow(RangeError)
  })
  it('takes 9 points as the change that matters', () => {
    expect(LEFS_MCID).toBe(9)
  })
})

describe('VISA-A (Robinson 2001): Q1–6 0–10, Q7 0/4/7/10, Q8 one of parts A/B/C', () => {
  it('scores a runner with some pain who still completes training: 33 + 4 + 10 = 47', () => {
    // Q1–6: 5 + 6 + 7 + 8 + 4 + 3 = 33; Q7 modified training = 4; Q8 part B, 11–20 min = 10.
    expect(
      visaAScore({ scales: [5, 6, 7, 8, 4, 3], q7: 4, q8: { part: 'B', band: '11-20' } }),
    ).toBe(47)
  })
  it('gives the same training time different points in parts A, B and C', () => {
    const base = { scales: [0, 0, 0, 0, 0, 0], q7: 0 }
    expect(visaAScore({ ...base, q8: { part: 'A', band: '21-30' } })).toBe(21)
    expect(visaAScore({ ...base, q8: { part: 'B', band: '21-30' } })).toBe(14)
    expect(visaAScore({ ...base, q8: { part: 'C', band: '21-30' } })).toBe(7)
    expect(visaAScore({ ...base, q8: { part: 'C', band: '1-10' } })).toBe(2)
  })
  it('reaches 100 only with no symptoms, full competition and over 30 minutes pain-free', () => {
    expect(
      visaAScore({ scales: Array(6).fill(10), q7: 10, q8: { part: 'A', band: 'over-30' } }),
    ).toBe(100)
    expect(
      visaAScore({ scales: Array(6).fill(10), q7: 10, q8: { part: 'B', band: 'over-30' } }),
    ).toBe(90)
  })
  it('refuses answers the form does not offer', () => {
    const ok = { scales: [1, 1, 1, 1, 1, 1], q8: { part: 'A' as const, band: 'nil' as const } }
    expect(() => visaAScore({ ...ok, q7: 5 })).toThrow(RangeError)
    expect(() => visaAScore({ ...ok, q7: 4, scales: [11, 1, 1, 1, 1, 1] })).toThrow(RangeError)
    expect(() => visaAScore({ ...ok, q7: 4, scales: [1, 1, 1] })).toThrow(RangeError)
  })
})

describe('PSFS (Stratford 1995): up to 5 activities, each 0–10', () => {
  it('averages the activities scored', () => {
    expect(
      psfsMean([
        { activity: 'Run 10 km', score: 3 },
        { activity: 'Stairs after a long run', score: 5 },
        { activity: 'Hill repeats', score: 4 },
      ]),
    ).toBe(4)
    expect(
      psfsMean([
        { activity: 'Run 10 km', score: 7 },
        { activity: 'Parkrun', score: 8 },
      ]),
    ).toBe(7.5)
    expect(psfsMean([])).toBeNull()
  })
  it('matches an activity retyped with other case and spacing', () => {
    expect(psfsKey('  Run  10 KM ')).toBe(psfsKey('run 10 km'))
  })
})

describe('pain NRS change (Farrar 2001, Salaffi 2004)', () => {
  it.each([
    [7, 3, 'much better'], // 4 points
    [8, 6, 'much better'], // 2 points
    [3, 2, 'much better'], // 1 point but 33%
    [6, 5, 'better'], // 1 point, 17%
    [10, 9, 'better'], // 1 point is enough for the smallest change that matters
    [5, 5, 'no real change'],
    [0, 0, 'no real change'],
    [4, 5, 'worse'],
    [2, 4, 'much worse'],
    [0, 1, 'worse'],
  ] as const)('%i → %i is %s', (from, to, words) => {
    expect(painChange(from, to)).toBe(words)
  })
  it('says nothing when a score is missing', () => {
    expect(painChange(null, 3)).toBeNull()
    expect(painChange(4, null)).toBeNull()
  })
})

describe('left–right asymmetry', () => {
  it('is the difference over the larger side', () => {
    expect(asymmetryPercent(60, 80)).toBe(25) // 20 / 80
    expect(asymmetryPercent(80, 60)).toBe(25)
    expect(asymmetryPercent(12, 9)).toBe(25)
    expect(asymmetryPercent(70, 70)).toBe(0)
    expect(asymmetryPercent(10, 9.3)).toBe(7) // 0.7 / 10
  })
  it('is unknown with a side missing or both zero', () => {
    expect(asymmetryPercent(null, 70)).toBeNull()
    expect(asymmetryPercent(0, 0)).toBeNull()
  })
})
