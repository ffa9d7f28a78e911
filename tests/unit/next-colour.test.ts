// Each new therapist or service starts with a colour of its own (issue #11 item 14).
import { describe, expect, it } from 'vitest'
import { nextColour } from '../../src/renderer/src/features/setup/colours'
import { SWATCHES } from '../../src/renderer/src/features/setup/time-ranges'

describe('the colour for a new therapist or service', () => {
  it('is the first of the palette when there are none yet', () => {
    expect(nextColour([])).toBe(SWATCHES[0])
  })

  it('skips the colours already used, whatever their case', () => {
    expect(nextColour([SWATCHES[0]!.toUpperCase(), SWATCHES[2]!])).toBe(SWATCHES[1])
  })

  it('gives each of eight new ones a different colour, one after the other', () => {
    const used: string[] = []
    for (let i = 0; i < SWATCHES.length; i++) used.push(nextColour(used))
    expect(new Set(used).size).toBe(SWATCHES.length)
  })

  it('reuses the least used colour once all are taken, and ignores colours off the palette', () => {
    const used = [...SWATCHES, ...SWATCHES.slice(0, 3), '#123456']
    expect(nextColour(used)).toBe(SWATCHES[3])
  })
})
