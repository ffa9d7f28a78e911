import { describe, expect, it } from 'vitest'
import { sideBarFor } from '../../../src/renderer/src/features/shell/routes'

const keys = (list: { shortcut: string; label: string }[]) =>
  list.map((s) => `Alt+${s.shortcut} ${s.label}`)

describe('Alt+n screen shortcuts', () => {
  it('are the position in the side bar the user sees', () => {
    expect(keys(sideBarFor('owner', true))).toEqual([
      'Alt+1 Diary',
      'Alt+2 Clients',
      'Alt+3 Money',
      'Alt+4 Messages',
      'Alt+5 Reports',
      'Alt+6 Audit log',
      'Alt+7 Settings',
    ])
    // A user trial pressed reception's third entry, Money, as Alt+3 and got nothing.
    expect(keys(sideBarFor('reception', true))).toEqual([
      'Alt+1 Diary',
      'Alt+2 Clients',
      'Alt+3 Money',
      'Alt+4 Messages',
    ])
  })

  it('give a therapist Reports as Alt+3 once the owner shares their figures, and nothing before', () => {
    expect(keys(sideBarFor('therapist', true))).toEqual([
      'Alt+1 Diary',
      'Alt+2 Clients',
      'Alt+3 Reports',
    ])
    expect(keys(sideBarFor('therapist', false))).toEqual(['Alt+1 Diary', 'Alt+2 Clients'])
  })

  it('never hide the owner’s Reports whatever the sharing setting', () => {
    expect(keys(sideBarFor('owner', false))).toContain('Alt+5 Reports')
  })
})
