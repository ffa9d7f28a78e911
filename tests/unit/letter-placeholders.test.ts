import { describe, expect, it } from 'vitest'
import {
  fillLetter,
  LETTER_PLACEHOLDERS,
  unknownPlaceholders,
  type LetterPlaceholder,
} from '../../src/shared/letters/placeholders'

const values = Object.fromEntries(Object.keys(LETTER_PLACEHOLDERS).map((k) => [k, ''])) as Record<
  LetterPlaceholder,
  string
>

describe('letter placeholders', () => {
  it('fills known placeholders, spacing inside the braces forgiven, and leaves blanks blank', () => {
    const out = fillLetter('Dear {{gp.name}},\nRe: {{ client.name }} ({{client.dateOfBirth}})', {
      ...values,
      'gp.name': 'Dr Ana Øvergård',
      'client.name': 'Zoë Błaszczyk',
    })
    expect(out).toEqual({
      text: 'Dear Dr Ana Øvergård,\nRe: Zoë Błaszczyk ()',
      unknown: [],
      empty: ['client.dateOfBirth'],
    })
  })
  it('names unknown placeholders once each and leaves them visible', () => {
    const out = fillLetter('{{gp.nmae}} {{gp.nmae}} {{client.name}} {{nhs}}', {
      ...values,
      'client.name': 'Sam',
    })
    expect(out).toEqual({
      text: '{{gp.nmae}} {{gp.nmae}} Sam {{nhs}}',
      unknown: ['gp.nmae', 'nhs'],
      empty: [],
    })
    expect(unknownPlaceholders('{{today}} {{gp.nmae}}')).toEqual(['gp.nmae'])
  })
  it('leaves out a line of placeholders that all came out empty, but keeps blank lines', () => {
    const out = fillLetter('{{gp.name}}\n{{gp.address}}\n\nDear {{gp.name}},', {
      ...values,
      'gp.name': 'Dr Rees',
    })
    expect(out.text).toBe('Dr Rees\n\nDear Dr Rees,')
  })
  it('does not treat a value containing braces as a placeholder', () => {
    const out = fillLetter('{{note.plan}}', { ...values, 'note.plan': 'Review {{in two weeks}}' })
    expect(out.text).toBe('Review {{in two weeks}}')
  })
})
