// The diary's wall-clock Dates, checked on a "computer" in New York: the calendar must show
// the clinic's (London) clock, including either side of both clocks-change weekends.
process.env['TZ'] = 'America/New_York'

import { describe, expect, it } from 'vitest'
import { clinicInstant, formatClinic, fromWall, toWall } from '../../src/shared/diary/wall-clock'

const LONDON = 'Europe/London'
const hm = (d: Date) => `${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')}`

describe('wall-clock dates for the calendar', () => {
  it('runs in a New York zone, so the test means something', () => {
    expect(new Date('2026-03-16T09:00:00Z').getHours()).toBe(5)
  })

  it.each([
    ['2026-03-16T09:00:00.000Z', '2026-03-16 9:00'], // GMT; New York already on EDT
    ['2026-03-30T08:00:00.000Z', '2026-03-30 9:00'], // BST after the last Sunday of March
    ['2026-10-26T09:00:00.000Z', '2026-10-26 9:00'], // GMT again; New York still EDT
    ['2026-11-02T09:00:00.000Z', '2026-11-02 9:00'], // both back on standard time
  ])('shows %s at the London time %s, and turns back into the same instant', (iso, shown) => {
    const wall = toWall(iso, LONDON)
    const date = `${wall.getFullYear()}-${String(wall.getMonth() + 1).padStart(2, '0')}-${String(wall.getDate()).padStart(2, '0')}`
    expect(`${date} ${hm(wall)}`).toBe(shown)
    expect(fromWall(wall, LONDON).toISOString()).toBe(iso)
  })

  it('reads a date and time typed at the clinic as a London instant', () => {
    expect(clinicInstant('2026-03-30', '09:00', LONDON)).toBe('2026-03-30T08:00:00.000Z')
    expect(formatClinic('2026-03-30T08:00:00.000Z', 'EEE d MMM HH:mm', LONDON)).toBe(
      'Mon 30 Mar 09:00',
    )
  })
})
