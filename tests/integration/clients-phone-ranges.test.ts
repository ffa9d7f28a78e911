// New mobile ranges are saved through every way a phone reaches the clinic's records: a new
// client, clinic settings and a clients import (issue #11 item 12).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callOk } from '../fixtures/clients'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

const owner = aSession('owner')
let core: Awaited<ReturnType<typeof openTempCore>>
beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-11-29T10:00:00Z') })
})
afterEach(async () => {
  await core.dispose()
})

describe('phone numbers in ranges newer than the numbering metadata', () => {
  it.each([
    ['07911 555666', '07911 555666'],
    ['07700 900123', '07700 900123'],
    ['+44 (0)7911 555666', '07911 555666'],
    ['+447700900123', '07700 900123'],
  ])('saves a client with mobile %s, written %s', async (typed, mobile) => {
    const r = await call(
      core,
      'clients.create',
      { firstName: 'Ann', lastName: 'Lee', mobile: typed },
      owner,
    )
    expect(r).toMatchObject({ ok: true, value: { mobile } })
  })

  it('still refuses a mobile one digit short, on the mobile field', async () => {
    const r = await call(
      core,
      'clients.create',
      { firstName: 'Ann', lastName: 'Lee', mobile: '07911 55566' },
      owner,
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.fieldErrors).toEqual([
      {
        path: 'mobile',
        message: 'Enter a valid phone number: a UK mobile has 11 digits, e.g. 07911 123456',
      },
    ])
  })

  it('saves the clinic’s own number in a new range', async () => {
    const current = await call(core, 'settings.get', {}, owner)
    if (!current.ok) throw new Error(current.error.message)
    const { clinicName, address, timeZone, currency, locale } = current.value
    const r = await call(
      core,
      'settings.update',
      { clinicName, address, timeZone, currency, locale, phone: '07700 900123' },
      owner,
    )
    expect(r).toMatchObject({ ok: true, value: { phone: '07700 900123' } })
  })

  it('imports clients whose mobiles are in new ranges', async () => {
    const text = 'First name,Last name,Mobile\nAnn,Lee,07911 555666\nBob,Ray,07700 900123\n'
    const opened = await callOk(core, 'imports.open', { fileName: 'clients.csv', text }, owner)
    const { importId, mapping } = opened
    const started = await callOk(core, 'imports.check', { importId, mapping }, owner)
    await core.imports.idle()
    const checked = await callOk(core, 'imports.job', { id: started.id }, owner)
    expect(checked.report).toMatchObject({ total: 2, ready: 2, errors: 0, warnings: 2 })
  })
})
