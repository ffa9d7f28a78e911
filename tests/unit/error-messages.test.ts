// zod's own messages ("Too big: expected string to have <=120 characters") never reach the
// clinic: every schema without its own words gets human ones (issue #11 item 14).
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { contract } from '../../src/shared/contract'

function messagesOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const r = schema.safeParse(input)
  if (r.success) return {}
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]))
}

const owner = {
  clinicName: 'Riverside Sports Massage',
  displayName: 'Alex Morgan',
  username: 'alex',
  password: 'hamstring-season-2026',
  confirmPassword: 'hamstring-season-2026',
}

describe('messages for zod’s own checks', () => {
  it('says "Clinic name: at most 120 characters" for a 500-character clinic name', () => {
    const errors = messagesOf(contract['auth.setupOwner'].input, {
      ...owner,
      clinicName: 'R'.repeat(500),
    })
    expect(errors).toEqual({ clinicName: 'Clinic name: at most 120 characters' })
  })

  it('keeps a schema’s own words where it has them', () => {
    const errors = messagesOf(contract['auth.setupOwner'].input, { ...owner, clinicName: ' ' })
    expect(errors).toEqual({ clinicName: 'Enter the clinic name' })
  })

  it('names the field and the rule for numbers, lists, choices, types and unknown keys', () => {
    const schema = z.strictObject({
      lockoutMinutes: z.number().int().min(1).max(1440),
      serviceIds: z.array(z.number()).max(2),
      role: z.enum(['owner', 'reception']),
      email: z.email(),
      dateOfBirth: z.string(),
    })
    expect(
      messagesOf(schema, {
        lockoutMinutes: 5000,
        serviceIds: [1, 2, 3],
        role: 'boss',
        email: 'ann@',
        extra: 1,
      }),
    ).toEqual({
      lockoutMinutes: 'Lockout minutes: at most 1,440',
      serviceIds: 'Service ids: at most 2 items',
      role: 'Role: choose one of the options',
      email: 'E-mail: enter an e-mail address like name@example.com',
      dateOfBirth: 'Date of birth: required',
      '': 'Not expected here: extra',
    })
    expect(messagesOf(schema.shape.lockoutMinutes, 1.5)).toEqual({ '': 'Enter a whole number' })
  })

  it('leaves no zod default wording in any method’s refusal of an empty or wrong-typed input', () => {
    for (const [name, spec] of Object.entries(contract)) {
      for (const input of [{}, { id: 'x', name: 42, clientId: -1 }]) {
        for (const message of Object.values(messagesOf(spec.input, input))) {
          expect(message, name).not.toMatch(/Too big|Too small|Invalid input|expected \w+,/)
        }
      }
    }
  })
})
