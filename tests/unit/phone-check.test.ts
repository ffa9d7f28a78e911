// Which typed phone numbers can be saved (issue #11 item 12): bundled numbering metadata cannot
// know ranges allocated after it was built, so a UK number of the right shape is accepted with
// a warning, and only what cannot be a number is refused.
import { describe, expect, it } from 'vitest'
import { checkPhone, phoneWarning } from '../../src/shared/phone-check'

describe('checking a typed phone number', () => {
  it.each([
    '07911 555666',
    '07700 900123',
    '+44 (0)7911 555666',
    '0044 7911 555666',
    '+44 7700 900123',
    '07911-555-666',
    '(07911) 555666',
    '01632 960123',
  ])('accepts %s, in a range the metadata does not list, with a warning', (typed) => {
    expect(checkPhone(typed)).toEqual({ verdict: 'unlisted', warning: expect.any(String) })
    expect(phoneWarning(typed)).toMatch(/Check this number with the client/)
  })

  it.each([
    '07911 123456',
    '+44 7911 123456',
    '020 7946 0000',
    '0161 496 0000',
    '+33 6 12 34 56 78',
  ])('accepts %s, a listed number, without a word', (typed) => {
    expect(checkPhone(typed)).toEqual({ verdict: 'known' })
    expect(phoneWarning(typed)).toBeUndefined()
  })

  it.each([
    ['07911 55566', /a UK mobile has 11 digits/],
    ['079115556661', /a UK mobile has 11 digits/],
    ['+44 7911 5556', /a UK mobile has 11 digits/],
    ['12345', /a UK number has 10 or 11 digits/],
    ['call me', /digits, spaces and a leading \+ only/],
    ['07911 555666 ext', /digits, spaces and a leading \+ only/],
    ['+33 6 12', /too short or too long for \+33/],
  ])('refuses %s and says why', (typed, why) => {
    const check = checkPhone(typed)
    expect(check.verdict).toBe('refused')
    expect(check.verdict === 'refused' && check.message).toMatch(why)
  })

  it('has nothing to say about an empty field', () => {
    expect(checkPhone('  ')).toEqual({ verdict: 'empty' })
  })
})
