import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ClientRecord } from '../../src/shared/contract/clients'
import { aClient } from '../fixtures/clients'
import { aSession, openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
let clock = new Date('2026-11-25T10:00:00Z')
beforeEach(async () => {
  clock = new Date('2026-11-25T10:00:00Z')
  core = await openTempCore({ now: () => clock })
})
afterEach(async () => {
  await core.dispose()
})

const owner = aSession('owner')

async function call<T>(method: string, input: object, session = owner): Promise<T> {
  const r = await core.router.call(method, input, session)
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}

async function twoRecordsOfOnePerson() {
  const kept = await aClient()
    .named('Katie', 'Morgan')
    .withMobile('07911 123456')
    .withAlert('Suspected DVT')
    .in(core)
  const dup = await aClient()
    .named('Kate', 'Morgan')
    .withMobile('07400 555666')
    .withEmail('kate.morgan@example.com')
    .with({ consentTreatment: true })
    .withAlert('Nut oil allergy', 'caution', false)
    .in(core)
  await call('clients.saveQuestionnaire', { clientId: dup.id, conditions: [{ code: 'epilepsy' }] })
  return { kept, dup }
}

const search = async (query: string) =>
  (await call<{ results: { id: number }[] }>('clients.search', { query })).results.map((r) => r.id)

describe('merging two records of the same client', () => {
  it('takes the chosen fields, moves alerts and questionnaires, and hides the other record', async () => {
    const { kept, dup } = await twoRecordsOfOnePerson()
    clock = new Date('2026-11-26T10:00:00Z')
    const { client } = await call<{ mergeId: number; client: ClientRecord }>('clients.merge', {
      keepId: kept.id,
      mergeId: dup.id,
      take: ['email', 'consentTreatment'],
    })
    expect(client).toMatchObject({
      firstName: 'Katie',
      mobile: '07911 123456',
      email: 'kate.morgan@example.com',
      consents: { treatment: { given: true, at: '2026-11-25T10:00:00.000Z' } },
      questionnaireVersions: 1,
    })
    expect(client.alerts.map((a) => a.text).sort()).toEqual([
      'Epilepsy',
      'Nut oil allergy',
      'Suspected DVT',
    ])
    // The kept record is found by the merged-in e-mail; the other record is gone from search.
    expect(await search('kate.morgan@')).toEqual([kept.id])
    expect(await search('555666')).toEqual([])
    const gone = await call<ClientRecord>('clients.get', { id: dup.id })
    expect(gone.mergedIntoId).toBe(kept.id)
  })

  it('can be undone, putting both records back exactly as they were', async () => {
    const { kept, dup } = await twoRecordsOfOnePerson()
    const before = await call<ClientRecord>('clients.get', { id: kept.id })
    const dupBefore = await call<ClientRecord>('clients.get', { id: dup.id })
    clock = new Date('2026-11-26T10:00:00Z')
    const { mergeId } = await call<{ mergeId: number }>('clients.merge', {
      keepId: kept.id,
      mergeId: dup.id,
      take: ['email', 'firstName'],
    })
    clock = new Date('2026-11-26T10:05:00Z')
    const { kept: k, restored } = await call<{ kept: ClientRecord; restored: ClientRecord }>(
      'clients.undoMerge',
      { mergeId },
    )
    // The fields exactly as they were; the revision has moved on (a form opened during the
    // merge must not save over the undo), so it is left out of the comparison.
    const fields = (r: ClientRecord) => ({ ...r, revision: undefined })
    expect(fields(k)).toEqual(fields(before))
    expect(fields({ ...restored, updatedAt: dupBefore.updatedAt })).toEqual(fields(dupBefore))
    expect(await search('555666')).toEqual([dup.id])
    expect(await search('kate.morgan@')).toEqual([dup.id])
    await expect(call('clients.undoMerge', { mergeId })).rejects.toThrow(/already been undone/)
    const actions = await core.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['clients.merge', 'clients.mergedAway', 'clients.undoMerge'])
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'clients.merge',
      'clients.mergedAway',
      'clients.undoMerge',
      'clients.undoMerge',
    ])
  })

  it('refuses to undo once the kept record has been edited since', async () => {
    const { kept, dup } = await twoRecordsOfOnePerson()
    clock = new Date('2026-11-26T10:00:00Z')
    const { mergeId, client } = await call<{ mergeId: number; client: ClientRecord }>(
      'clients.merge',
      { keepId: kept.id, mergeId: dup.id },
    )
    clock = new Date('2026-11-26T11:00:00Z')
    const { id: _id, displayName: _d, ...rest } = client
    await call('clients.update', {
      id: kept.id,
      client: { ...aClient(rest as never).input, occupation: 'Teacher' },
    })
    await expect(call('clients.undoMerge', { mergeId })).rejects.toThrow(/changed since the merge/)
  })

  it('is for the owner only, and never merges a record with itself', async () => {
    const { kept, dup } = await twoRecordsOfOnePerson()
    const r = await core.router.call(
      'clients.merge',
      { keepId: kept.id, mergeId: dup.id },
      aSession('reception'),
    )
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    await expect(call('clients.merge', { keepId: kept.id, mergeId: kept.id })).rejects.toThrow(
      /two different/,
    )
  })

  it('rolls back completely when the merge fails part-way', async () => {
    const { kept } = await twoRecordsOfOnePerson()
    await expect(call('clients.merge', { keepId: kept.id, mergeId: 9999 })).rejects.toThrow(
      /not_found/,
    )
    const after = await call<ClientRecord>('clients.get', { id: kept.id })
    expect(after.alerts.map((a) => a.text)).toEqual(['Suspected DVT'])
    expect(await core.db.selectFrom('client_merges').selectAll().execute()).toEqual([])
  })
})
