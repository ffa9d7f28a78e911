import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { keepUntil } from '../../src/main/services/portability/retention'
import { aClient, callOk } from '../fixtures/clients'
import { aSession, openTempCore } from '../fixtures/temp-core'

type Core = Awaited<ReturnType<typeof openTempCore>>
const owner = aSession('owner')

describe('keeping client records', () => {
  it('keeps an adult 8 years after the last treatment, a child until 25 if that is later', () => {
    expect(keepUntil('2015-06-01T10:00:00Z', '1980-01-01', 8)).toEqual({
      until: '2023-06-01',
      child: false,
    })
    // Treated at 10: eight years on they are 18, so kept until their 25th birthday.
    expect(keepUntil('2015-06-01', '2005-02-03', 8)).toEqual({ until: '2030-02-03', child: true })
    // Treated at 17: 25th birthday (2024) is before last treatment + 8 (2025).
    expect(keepUntil('2017-06-01', '1999-09-03', 8)).toEqual({ until: '2025-06-01', child: true })
  })

  describe('in a clinic', () => {
    let core: Core
    let now = new Date('2026-01-01T09:00:00Z')
    beforeEach(async () => {
      core = await openTempCore({ now: () => now })
    })
    afterEach(async () => {
      await core.dispose()
    })

    async function seenOn(when: string, first: string, dob: string) {
      now = new Date(when)
      const c = await aClient({ dateOfBirth: dob })
        .named(first, 'Jones')
        .withEmail(`${first}@example.com`)
        .withAlert('DVT')
        .in(core)
      now = new Date('2026-01-01T09:00:00Z')
      return c
    }

    it('lists only the records past retention, and anonymises one leaving no identity', async () => {
      const old = await seenOn('2016-05-01T10:00:00Z', 'Olwen', '1970-04-04')
      await seenOn('2016-05-01T10:00:00Z', 'Kit', '2008-04-04') // a child then: kept until 2033
      await seenOn('2024-05-01T10:00:00Z', 'Recent', '1970-04-04')
      const list = await callOk(core, 'retention.list', {}, owner)
      expect(list.years).toBe(8)
      expect(list.clients.map((c) => c.displayName)).toEqual(['Olwen Jones'])

      await callOk(core, 'retention.anonymise', { clientId: old.id }, owner)
      const row = await core.db
        .selectFrom('clients')
        .selectAll()
        .where('id', '=', old.id)
        .executeTakeFirstOrThrow()
      const text = JSON.stringify(row)
      for (const identity of ['Olwen', 'olwen', '1970-04-04', '07911', 'Jones', 'jones']) {
        expect(text).not.toContain(identity)
      }
      expect(row.anonymised_at).not.toBeNull()
      const alerts = await core.db
        .selectFrom('client_alerts')
        .select('id')
        .where('client_id', '=', old.id)
        .execute()
      expect(alerts).toEqual([])
      const found = await callOk(core, 'clients.search', { query: 'Olwen' }, owner)
      expect(found.results).toEqual([])
      const again = await callOk(core, 'retention.list', {}, owner)
      expect(again.clients).toEqual([])
      const audit = await core.db
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'retention.anonymise')
        .execute()
      expect(audit).toEqual([{ summary: 'Anonymised: identity and clinical text removed' }])
    })

    it('deletes a record with its alerts when the owner chooses to', async () => {
      const old = await seenOn('2016-05-01T10:00:00Z', 'Olwen', '1970-04-04')
      await callOk(core, 'retention.delete', { clientId: old.id }, owner)
      expect(await core.db.selectFrom('clients').select('id').execute()).toEqual([])
      expect(await core.db.selectFrom('client_alerts').select('id').execute()).toEqual([])
    })

    it('uses the retention years the owner sets', async () => {
      await seenOn('2022-05-01T10:00:00Z', 'Olwen', '1970-04-04')
      await callOk(core, 'retention.updateSettings', { years: 3 }, owner)
      const list = await callOk(core, 'retention.list', {}, owner)
      expect(list.clients).toHaveLength(1)
    })
  })
})
