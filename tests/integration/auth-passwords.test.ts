import { describe, expect, it } from 'vitest'
import { hashSecret, passwordProblem, verifySecret } from '../../src/main/services/auth/passwords'

describe('password hashing', () => {
  it('stores scrypt at OWASP cost with a fresh salt, and verifies only the right password', async () => {
    const a = await hashSecret('Achilles-tendon-42')
    const b = await hashSecret('Achilles-tendon-42')
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/)
    expect(a).not.toBe(b)
    expect(await verifySecret('Achilles-tendon-42', a)).toBe(true)
    expect(await verifySecret('achilles-tendon-42', a)).toBe(false)
    expect(await verifySecret('Achilles-tendon-42', 'plain-text-from-an-old-system')).toBe(false)
  }, 20_000)
})

describe('password policy', () => {
  it('asks for at least 10 characters', () => {
    expect(passwordProblem('Short1!')).toBe('Use at least 10 characters')
  })

  it('refuses passwords from the common-password lists, whatever their case', () => {
    expect(passwordProblem('password123')).toMatch(/commonly used/)
    expect(passwordProblem('Liverpool1')).toMatch(/commonly used/)
    expect(passwordProblem('qwertyuiop')).toMatch(/commonly used/)
  })

  it('refuses a password containing the username, or one repeated character', () => {
    expect(passwordProblem('sam.jones-2026', { username: 'Sam.Jones' })).toMatch(/username/)
    expect(passwordProblem('zzzzzzzzzzzz')).toMatch(/repeated/)
  })

  it('accepts a long passphrase', () => {
    expect(passwordProblem('foam roller at dawn', { username: 'sam' })).toBeNull()
  })
})
