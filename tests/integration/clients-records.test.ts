import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ClientRecord, Duplicate } from '../../src/shared/contract/clients'
import { aClient, callOk } from '../fixtures/clients'
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

const reception = aSession('reception')

async function fieldErrors(input: object): Promise<Record<string, string>> {
  const r = await core.router.call('clients.create', input, reception)
  if (r.ok) return {}
  return Object.fromEntries((r.error.fieldErrors ?? []).map((f) => [f.path, f.message]))
}

describe('validating a new client', () => {
  it('needs a first and last name', async () => {
    const errors = await fieldErrors({ firstName: '  ', lastName: '', mobile: '07911 123456' })
    expect(errors).toEqual({ firstName: 'Enter the first name', lastName: 'Enter the last name' })
  })

  it('needs a phone number or an e-mail address', async () => {
    expect(await fieldErrors({ firstName: 'Ann', lastName: 'Lee' })).toEqual({
      mobile: 'Enter a phone number or an e-mail address, so the clinic can reach them',
    })
    expect(
      await fieldErrors({ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' }),
    ).toEqual({})
  })

  it('rejects a phone that is not a real number, and accepts UK and international ones', async () => {
    expect(await fieldErrors({ firstName: 'A', lastName: 'B', mobile: '12345' })).toHaveProperty(
      'mobile',
    )
    expect(await fieldErrors({ firstName: 'A', lastName: 'B', mobile: '+1 212 555 0123' })).toEqual(
      {},
    )
  })

  it('rejects a malformed e-mail, a future or implausible birth date and a bad postcode', async () => {
    const errors = await fieldErrors({
      firstName: 'A',
      lastName: 'B',
      mobile: '07911 123456',
      email: 'ann@',
      dateOfBirth: '2999-01-01',
      postcode: 'XYZ',
      eventDate: '2027-02-30',
    })
    expect(Object.keys(errors).sort()).toEqual(['dateOfBirth', 'email', 'eventDate', 'postcode'])
    expect(
      await fieldErrors({
        firstName: 'A',
        lastName: 'B',
        email: 'a@b.co',
        dateOfBirth: '1890-05-01',
      }),
    ).toHaveProperty('dateOfBirth')
  })

  it('stores what was typed, tidies the postcode and records who gave consent and when', async () => {
    const c = await aClient({
      title: 'Dr',
      postcode: 'sw1a1aa',
      consentTreatment: true,
      marketingSms: false,
      tags: ['runner', 'club:Leeds AC'],
    })
      .named('Ann', 'Lee')
      .in(core)
    expect(c).toMatchObject({
      title: 'Dr',
      mobile: '07911 123456',
      postcode: 'SW1A 1AA',
      tags: ['runner', 'club:Leeds AC'],
      consents: {
        treatment: { given: true, at: '2026-11-25T10:00:00.000Z', by: 'Test reception' },
        marketingSms: { given: false, at: null, by: null },
        marketingEmail: { given: false, at: null, by: null },
      },
    })
  })

  it('keeps the original consent time when the record is edited later', async () => {
    const c = await aClient({ consentTreatment: true }).in(core)
    clock = new Date('2026-12-01T09:00:00Z')
    const r = await core.router.call(
      'clients.update',
      { id: c.id, client: { ...aClient({ consentTreatment: true }).input, occupation: 'Nurse' } },
      reception,
    )
    if (!r.ok) throw new Error(r.error.message)
    expect((r.value as ClientRecord).consents.treatment.at).toBe('2026-11-25T10:00:00.000Z')
  })
})

describe('warning about likely duplicates', () => {
  async function duplicatesOf(probe: object): Promise<Duplicate[]> {
    const r = await core.router.call('clients.duplicates', probe, reception)
    if (!r.ok) throw new Error(r.error.message)
    return r.value as Duplicate[]
  }

  it('warns about the same mobile in another format (a shared household phone is common)', async () => {
    await aClient().named('Mark', 'Evans').withMobile('07911 123456').in(core)
    const dups = await duplicatesOf({ lastName: 'Evans', mobile: '+44 7911 123456' })
    expect(dups).toMatchObject([{ client: { displayName: 'Mark Evans' }, reasons: ['phone'] }])
    // And it is only a warning: the second client can still be created.
    const second = await core.router.call(
      'clients.create',
      { firstName: 'Julie', lastName: 'Evans', mobile: '+44 7911 123456' },
      reception,
    )
    expect(second.ok).toBe(true)
  })

  it('warns about the same e-mail in another case', async () => {
    await aClient().named('Mark', 'Evans').withEmail('Mark.Evans@example.com').in(core)
    expect(await duplicatesOf({ email: 'mark.evans@EXAMPLE.com' })).toMatchObject([
      { reasons: ['email'] },
    ])
  })

  it('warns about the same surname and birthday, including day and month swapped', async () => {
    await aClient().named('Mark', 'Evans').bornOn('1985-03-07').in(core)
    expect(await duplicatesOf({ lastName: 'evans', dateOfBirth: '1985-03-07' })).toMatchObject([
      { reasons: ['surname-dob'] },
    ])
    expect(await duplicatesOf({ lastName: 'Evans', dateOfBirth: '1985-07-03' })).toMatchObject([
      { reasons: ['surname-dob-swapped'] },
    ])
    expect(await duplicatesOf({ lastName: 'Evans', dateOfBirth: '1985-07-04' })).toEqual([])
    expect(await duplicatesOf({ lastName: 'Evens', dateOfBirth: '1985-03-07' })).toEqual([])
  })

  it('does not warn about the record itself, or when there is nothing to compare', async () => {
    const c = await aClient().named('Mark', 'Evans').in(core)
    expect(await duplicatesOf({ id: c.id, lastName: 'Evans', mobile: c.mobile })).toEqual([])
    expect(await duplicatesOf({})).toEqual([])
  })
})

describe('alerts and the health questionnaire', () => {
  it('derives alerts from the latest questionnaire and keeps earlier versions', async () => {
    const c = await aClient().withAlert('Bruised left shin', 'caution', false).in(core)
    const first = await core.router.call(
      'clients.saveQuestionnaire',
      {
        clientId: c.id,
        conditions: [{ code: 'dvt', detail: 'left calf, awaiting scan' }, { code: 'diabetes' }],
        allergies: ['nut-oils'],
      },
      aSession('therapist'),
    )
    if (!first.ok) throw new Error(first.error.message)
    const v1 = first.value as ClientRecord
    expect(v1.alerts.map((a) => [a.severity, a.text, a.acknowledgeOnOpen])).toEqual([
      ['contraindication', 'Suspected DVT or blood clots (left calf, awaiting scan)', true],
      ['caution', 'Diabetes', false],
      ['caution', 'Allergy: nut oils', false],
      ['caution', 'Bruised left shin', false],
    ])
    expect(v1.questionnaire).toMatchObject({
      version: 1,
      reviewDueOn: '2027-11-25',
      reviewDue: false,
      recordedBy: 'Test therapist',
    })

    clock = new Date('2028-01-10T10:00:00Z')
    const reread = await core.router.call('clients.get', { id: c.id }, reception)
    expect(reread.ok && (reread.value as ClientRecord).questionnaire?.reviewDue).toBe(true)

    const second = await core.router.call(
      'clients.saveQuestionnaire',
      { clientId: c.id, conditions: [{ code: 'diabetes' }] },
      aSession('therapist'),
    )
    if (!second.ok) throw new Error(second.error.message)
    const v2 = second.value as ClientRecord
    expect(v2.questionnaireVersions).toBe(2)
    expect(v2.alerts.map((a) => a.text)).toEqual(['Diabetes', 'Bruised left shin'])
    const stored = await core.db
      .selectFrom('health_questionnaires')
      .select(['version', 'conditions'])
      .orderBy('version')
      .execute()
    expect(stored.map((s) => s.version)).toEqual([1, 2])
    expect(stored[0]!.conditions).toContain('dvt')

    const search = await callOk(core, 'clients.search', { query: 'taylor' })
    expect(search.results[0]!.alerts).toEqual([
      { severity: 'caution', text: 'Diabetes' },
      { severity: 'caution', text: 'Bruised left shin' },
    ])
  })

  it('audits changes without writing health details into the log', async () => {
    const c = await aClient().withAlert('Suspected DVT').in(core)
    await core.router.call('clients.acknowledgeAlerts', { clientId: c.id }, reception)
    const timeline = await callOk(core, 'clients.timeline', { id: c.id })
    expect(timeline.map((t) => t.action)).toEqual([
      'clients.acknowledgeAlerts',
      'clients.addAlert',
      'clients.create',
    ])
    expect(JSON.stringify(timeline)).not.toMatch(/DVT/)
  })
})

describe('archiving', () => {
  it('hides an archived client from search, keeps the record, and can bring it back', async () => {
    const c = await aClient().named('Nina', 'Brooks').in(core)
    const archived = await callOk(core, 'clients.archive', { id: c.id })
    expect(archived.archivedAt).toBe('2026-11-25T10:00:00.000Z')
    const hidden = await callOk(core, 'clients.search', { query: 'brooks' })
    expect(hidden.results).toEqual([])
    await callOk(core, 'clients.unarchive', { id: c.id })
    const back = await callOk(core, 'clients.search', { query: 'brooks' })
    expect(back.results.map((r) => r.id)).toEqual([c.id])
  })

  it('does not let a therapist archive a client', async () => {
    const c = await aClient().in(core)
    const r = await core.router.call('clients.archive', { id: c.id }, aSession('therapist'))
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})

describe('client record settings', () => {
  it('lets the owner set the review interval, which dates the next review', async () => {
    const saved = await callOk(
      core,
      'clients.updateSettings',
      { questionnaireReviewMonths: 6, referralSources: ['parkrun', ' Physio ', 'parkrun'] },
      aSession('owner'),
    )
    expect(saved).toEqual({
      questionnaireReviewMonths: 6,
      referralSources: ['parkrun', 'Physio'],
      revision: 2,
    })
    const c = await aClient().in(core)
    const record = await callOk(core, 'clients.saveQuestionnaire', { clientId: c.id })
    expect(record.questionnaire?.reviewDueOn).toBe('2027-05-25')
  })

  it('refuses the change from reception, and a silly interval from anyone', async () => {
    const input = { questionnaireReviewMonths: 12, referralSources: [] }
    const r = await core.router.call('clients.updateSettings', input, reception)
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const bad = await core.router.call(
      'clients.updateSettings',
      { ...input, questionnaireReviewMonths: 0 },
      aSession('owner'),
    )
    expect(bad).toMatchObject({
      ok: false,
      error: { fieldErrors: [{ path: 'questionnaireReviewMonths' }] },
    })
  })
})
