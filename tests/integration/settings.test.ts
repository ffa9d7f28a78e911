import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { silentLogger } from '../../src/main/log'
import { aSession, tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

describe('clinic settings', () => {
  it('keeps what the owner saved, tidied, across closing and reopening the file', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.remove)
    const file = join(tmp.dir, 'clinic.sqlite')
    const first = await openCore({
      file,
      key: testKey,
      log: silentLogger,
      now: () => new Date('2026-10-25T01:30:00Z'),
    })
    const saved = await first.router.call(
      'settings.update',
      {
        clinicName: '  Peak Performance Massage  ',
        address: '3 Mill Lane, Leeds LS1 4AB',
        phone: '+44 113 496 0000',
        timeZone: 'Europe/Dublin',
        currency: 'eur',
        locale: 'en-IE',
      },
      aSession('owner'),
    )
    expect(saved).toEqual({
      ok: true,
      value: {
        clinicName: 'Peak Performance Massage',
        address: '3 Mill Lane, Leeds LS1 4AB',
        phone: '+44 113 496 0000',
        timeZone: 'Europe/Dublin',
        currency: 'EUR',
        locale: 'en-IE',
        updatedAt: '2026-10-25T01:30:00.000Z',
        // The first save moves the settings from revision 1 (never saved) to 2.
        revision: 2,
      },
    })
    await first.close()

    const second = await openCore({ file, key: testKey, log: silentLogger })
    const read = await second.router.call('settings.get', {}, aSession('therapist'))
    await second.close()
    expect(read).toEqual(saved)
  })

  it('refuses a currency and a locale it does not know', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.remove)
    const core = await openCore({
      file: join(tmp.dir, 'c.sqlite'),
      key: testKey,
      log: silentLogger,
    })
    const result = await core.router.call(
      'settings.update',
      {
        clinicName: 'Clinic',
        address: '',
        phone: '',
        timeZone: 'Europe/London',
        currency: 'XYZ1',
        locale: 'fr-FR',
      },
      aSession('owner'),
    )
    await core.close()
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.fieldErrors?.map((f) => f.path).sort()).toEqual(['currency', 'locale'])
  })
})

describe('settings audit', () => {
  it('records who changed which settings, in the same transaction, and refuses edits to the log', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.remove)
    const core = await openCore({
      file: join(tmp.dir, 'c.sqlite'),
      key: testKey,
      log: silentLogger,
      workstation: 'RECEPTION-PC',
      now: () => new Date('2026-11-25T09:00:00Z'),
    })
    try {
      const input = {
        clinicName: 'Harbour Clinic',
        address: '',
        phone: '',
        timeZone: 'Europe/London',
        currency: 'GBP',
        locale: 'en-GB' as const,
      }
      await core.router.call('settings.update', input, aSession('owner'))
      // Saving the same values again changes nothing and records nothing.
      await core.router.call('settings.update', input, aSession('owner'))
      const rows = await core.db.selectFrom('audit_log').selectAll().execute()
      expect(rows).toEqual([
        {
          id: 1,
          at: '2026-11-25T09:00:00.000Z',
          user_id: 1,
          username: 'owner-1',
          action: 'settings.update',
          entity_type: 'clinic_settings',
          entity_id: '1',
          summary: 'Changed clinic name',
          workstation: 'RECEPTION-PC',
        },
      ])
      expect(() => core.sqlite.prepare(`UPDATE audit_log SET summary = 'nothing'`).run()).toThrow(
        /append-only/,
      )
      expect(() => core.sqlite.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/)
    } finally {
      await core.close()
    }
  })
})
