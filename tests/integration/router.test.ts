import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { contract, methodNames } from '../../src/shared/contract'
import { handlers } from '../../src/main/rpc/handlers'
import { createRouter } from '../../src/main/rpc/router'
import type { Logger } from '../../src/main/log'
import { aSession, openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
beforeEach(async () => {
  core = await openTempCore()
})
afterEach(async () => {
  await core.dispose()
})

const validSettings = {
  clinicName: 'Riverside Sports Massage',
  address: '12 High Street\nKingston upon Thames\nKT1 1AA',
  phone: '020 7946 0000',
  timeZone: 'Europe/London',
  currency: 'GBP',
  locale: 'en-GB',
}

describe('router', () => {
  it('answers a valid call with the value from the service', async () => {
    const result = await core.router.call('settings.get', {}, aSession('reception'))
    expect(result).toMatchObject({
      ok: true,
      value: {
        clinicName: 'My clinic',
        timeZone: 'Europe/London',
        currency: 'GBP',
        locale: 'en-GB',
      },
    })
  })

  it('rejects bad input with a message per field, before any service runs', async () => {
    const result = await core.router.call(
      'settings.update',
      { ...validSettings, clinicName: '   ', phone: 'call me', timeZone: 'Mars/Olympus' },
      aSession('owner'),
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid_input')
    const byPath = Object.fromEntries(result.error.fieldErrors!.map((f) => [f.path, f.message]))
    expect(byPath).toEqual({
      clinicName: 'Enter the clinic name',
      phone: 'Enter a valid phone number: digits, spaces and a leading + only',
      timeZone: 'Choose a time zone from the list',
    })
    const unchanged = await core.router.call('settings.get', {}, aSession())
    expect(unchanged).toMatchObject({ ok: true, value: { clinicName: 'My clinic' } })
  })

  it('rejects input that is not an object at all', async () => {
    const result = await core.router.call('settings.update', 'DROP TABLE', aSession())
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('refuses an unknown method, including names inherited from Object', async () => {
    for (const name of ['settings.delete', 'constructor', '__proto__', 'toString']) {
      const result = await core.router.call(name, {}, aSession())
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
    }
  })

  it('refuses a role the method does not allow, and a caller with no session', async () => {
    const asReception = await core.router.call(
      'settings.update',
      validSettings,
      aSession('reception'),
    )
    expect(asReception).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Reception accounts cannot change the clinic settings.',
      },
    })
    const anonymous = await core.router.call('settings.get', {}, null)
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
  })

  it('hides an unexpected error behind an id and logs the details in main', async () => {
    const logged: string[] = []
    const log: Logger = {
      info: () => {},
      error: (m, d) => logged.push(`${m} ${JSON.stringify(d)}`),
    }
    const router = createRouter({
      db: core.db,
      log,
      handlers: {
        ...handlers,
        'settings.get': async () => {
          throw new Error('secret detail from deep inside')
        },
      },
    })
    const result = await router.call('settings.get', {}, aSession())
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('internal')
    expect(result.error.errorId).toMatch(/^[0-9a-f]{8}$/)
    expect(JSON.stringify(result)).not.toContain('secret detail')
    expect(logged).toHaveLength(1)
    expect(logged[0]).toContain(result.error.errorId)
    expect(logged[0]).toContain('secret detail from deep inside')
  })

  it('rolls back a command that fails half-way, so nothing is half-written', async () => {
    const router = createRouter({
      db: core.db,
      log: { info: () => {}, error: () => {} },
      handlers: {
        ...handlers,
        'settings.update': async (ctx, input) => {
          await handlers['settings.update'](ctx, input)
          throw new Error('power cut between two writes')
        },
      },
    })
    const result = await router.call('settings.update', validSettings, aSession())
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    const after = await core.router.call('settings.get', {}, aSession())
    expect(after).toMatchObject({ ok: true, value: { clinicName: 'My clinic' } })
  })

  it('opens to callers who are not signed in only the four methods sign-in needs', () => {
    // The compiler already makes every method name its roles; what it cannot see is a method
    // made public by mistake. Adding one to this list is a decision, reviewed here.
    const open = methodNames.filter((name) => contract[name].roles === 'public').sort()
    expect(open).toEqual(['auth.setupOwner', 'auth.signIn', 'auth.status', 'auth.unlock'])
    for (const name of open) expect(typeof handlers[name], name).toBe('function')
  })
})
