import { describe, expect, it } from 'vitest'
import {
  DEFAULT_TEMPLATES,
  MESSAGE_KINDS,
  PLACEHOLDERS,
  renderTemplate,
  templateProblems,
} from '../../src/shared/messages/templates'
import { smsSegments } from '../../src/shared/messages/sms-segments'

describe('message templates', () => {
  it('fills in every placeholder, spaces inside the braces allowed', () => {
    expect(renderTemplate('Hi {{ firstName }}, {{date}} at {{time}}', PLACEHOLDERS)).toBe(
      'Hi Priya, Thursday 18 June 2026 at 09:00',
    )
  })

  it('refuses placeholders that look like health details, and names the unknown ones', () => {
    for (const name of [
      'notes',
      'alerts',
      'diagnosis',
      'medicalHistory',
      'injury',
      'gpName',
      'treatmentNote',
      'painScore',
    ]) {
      expect(templateProblems('sms', '', `Hi {{${name}}}`)).toEqual([
        { path: 'body', message: `{{${name}}} is refused: no health details go in a message.` },
      ])
    }
    expect(templateProblems('email', 'Hi {{nickname}}', 'x')[0]!.message).toMatch(
      /^\{\{nickname\}\} is not a placeholder; use one of \{\{firstName\}\}/,
    )
    expect(templateProblems('sms', '', 'Hi {{firstName}')).toEqual([
      { path: 'body', message: 'A placeholder is not closed: write it as {{firstName}}.' },
    ])
  })

  it('checks the length once filled in, and that an e-mail has a subject', () => {
    expect(templateProblems('sms', '', 'a'.repeat(612))).toEqual([])
    expect(templateProblems('sms', '', 'a'.repeat(613))[0]!.message).toBe(
      'Filled in, this is 613 characters; keep it under 612.',
    )
    expect(templateProblems('email', ' ', 'Body')).toEqual([
      { path: 'subject', message: 'Enter a subject for the e-mail' },
    ])
  })

  it('ships defaults that pass their own checks, and default SMS that fit one or two GSM-7 segments', () => {
    for (const kind of MESSAGE_KINDS) {
      for (const channel of ['email', 'sms'] as const) {
        const t = DEFAULT_TEMPLATES[kind][channel]
        expect(templateProblems(channel, t.subject, t.body), `${kind} ${channel}`).toEqual([])
      }
      const sms = smsSegments(renderTemplate(DEFAULT_TEMPLATES[kind].sms.body, PLACEHOLDERS))
      expect(sms.encoding, kind).toBe('GSM-7')
      expect(sms.segments, kind).toBeLessThanOrEqual(2)
    }
  })
})
