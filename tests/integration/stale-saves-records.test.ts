import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PlinthCore } from '../../src/main/app-core'
import type { MethodName } from '../../src/shared/contract'
import { aService, aTherapist } from '../fixtures/diary'
import { aStaffMember } from '../fixtures/staff'
import { aSession, openTempCore } from '../fixtures/temp-core'

// Issue 11, item 1: every record two screens or two desks can edit refuses a save based on
// a revision that is no longer current. Each kind: two saves from the same read, the second
// refused as a 'conflict', the first one's value kept.

type Core = Awaited<ReturnType<typeof openTempCore>>
let core: Core
const owner = aSession('owner')
beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-11-25T10:00:00Z') })
})
afterEach(async () => {
  await core.dispose()
})

type Row = Record<string, unknown> & { revision: number }

async function invoke(method: MethodName, input: unknown) {
  return core.router.call(method, input, owner)
}
async function ok(method: MethodName, input: unknown): Promise<unknown> {
  const r = await invoke(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.value
}

interface Kind {
  kind: string
  /** The record as a form shows it, with its revision. */
  read(): Promise<Row>
  save: MethodName
  /** The save's input: the record as read with one field changed to variant `n`. */
  input(row: Row, n: number): unknown
  /** The changed field's value in a record as read. */
  value(row: Row): unknown
  expected(n: number): unknown
}

const first = async (method: MethodName, input: unknown = {}) =>
  ((await ok(method, input)) as Row[])[0]!

const KINDS: Kind[] = [
  {
    kind: 'client record',
    read: async () => {
      const list = (await ok('clients.search', { query: 'Jones' })) as unknown
      const id = JSON.stringify(list).match(/"id":(\d+)/)![1]
      return (await ok('clients.get', { id: Number(id) })) as Row
    },
    save: 'clients.update',
    input: (row, n) => ({
      id: row['id'],
      client: { firstName: `Sarah ${n}`, lastName: 'Jones', mobile: '07911 123456' },
    }),
    value: (row) => row['firstName'],
    expected: (n) => `Sarah ${n}`,
  },
  {
    kind: 'clinic settings',
    read: async () => (await ok('settings.get', {})) as Row,
    save: 'settings.update',
    input: (row, n) => ({ ...row, clinicName: `Harbour Massage ${n}` }),
    value: (row) => row['clinicName'],
    expected: (n) => `Harbour Massage ${n}`,
  },
  {
    kind: 'opening hours',
    read: async () => (await ok('clinicHours.get', {})) as Row,
    save: 'clinicHours.update',
    input: (row, n) => ({
      ...row,
      opening: [{ weekday: 1, opens: `0${n}:00`, closes: '20:00' }],
    }),
    value: (row) => (row['opening'] as { opens: string }[])[0]?.opens,
    expected: (n) => `0${n}:00`,
  },
  {
    kind: 'security settings',
    read: async () => (await ok('security.get', {})) as Row,
    save: 'security.update',
    input: (row, n) => ({ ...row, idleLockMinutes: 10 + n }),
    value: (row) => row['idleLockMinutes'],
    expected: (n) => 10 + n,
  },
  {
    kind: 'backup settings',
    read: async () => (await ok('backups.settings', {})) as Row,
    save: 'backups.updateSettings',
    input: (row, n) => ({ ...row, keepRecent: 10 + n }),
    value: (row) => row['keepRecent'],
    expected: (n) => 10 + n,
  },
  {
    kind: 'retention settings',
    read: async () => (await ok('retention.list', {})) as Row,
    save: 'retention.updateSettings',
    input: (_row, n) => ({ years: 8 + n }),
    value: (row) => row['years'],
    expected: (n) => 8 + n,
  },
  {
    kind: 'client record settings',
    read: async () => (await ok('clients.settings', {})) as Row,
    save: 'clients.updateSettings',
    input: (row, n) => ({ ...row, questionnaireReviewMonths: 6 + n }),
    value: (row) => row['questionnaireReviewMonths'],
    expected: (n) => 6 + n,
  },
  {
    kind: 'note template',
    read: () => first('notes.templates'),
    save: 'notes.saveTemplate',
    input: (row, n) => ({ ...row, description: `Version ${n}` }),
    value: (row) => row['description'],
    expected: (n) => `Version ${n}`,
  },
  {
    kind: 'therapist',
    read: () => first('therapists.list'),
    save: 'therapists.update',
    input: (row, n) => ({ ...row, name: `Sam ${n}` }),
    value: (row) => row['name'],
    expected: (n) => `Sam ${n}`,
  },
  {
    kind: 'service',
    read: () => first('services.list'),
    save: 'services.update',
    input: (row, n) => ({ ...row, name: `Sports massage ${n}` }),
    value: (row) => row['name'],
    expected: (n) => `Sports massage ${n}`,
  },
  {
    kind: 'room',
    read: () => first('rooms.list'),
    save: 'rooms.update',
    input: (row, n) => ({ ...row, name: `Room ${n}` }),
    value: (row) => row['name'],
    expected: (n) => `Room ${n}`,
  },
  {
    kind: 'staff account',
    read: async () =>
      ((await ok('users.list', {})) as Row[]).find((u) => u['username'] === 'jo.reception')!,
    save: 'users.update',
    input: (row, n) => ({ ...row, displayName: `Jo ${n}` }),
    value: (row) => row['displayName'],
    expected: (n) => `Jo ${n}`,
  },
]

async function aClinicWithOneOfEach(core: PlinthCore) {
  await ok('clients.create', { firstName: 'Sarah', lastName: 'Jones', mobile: '07911 123456' })
  const massage = await aService().in(core)
  await aTherapist('Sam').offering(massage).in(core)
  await ok('rooms.create', { name: 'Room 1' })
  await aStaffMember(core.db, 'reception', { username: 'jo.reception', displayName: 'Jo' })
}

describe.each(KINDS)('a stale save of the $kind', (k) => {
  it('is refused once another save from the same read has landed, and changes nothing', async () => {
    await aClinicWithOneOfEach(core)
    const opened = await k.read()
    expect(opened.revision).toEqual(expect.any(Number))
    const onTheOtherDesk = await invoke(k.save, {
      ...(k.input(opened, 1) as object),
      baseRevision: opened.revision,
    })
    expect(onTheOtherDesk.ok).toBe(true)
    const onThisScreen = await invoke(k.save, {
      ...(k.input(opened, 2) as object),
      baseRevision: opened.revision,
    })
    expect(onThisScreen.ok).toBe(false)
    if (onThisScreen.ok) return
    expect(onThisScreen.error.code).toBe('conflict')
    expect(onThisScreen.error.message).toMatch(
      /^(This|The) [a-z ]+ (was|were) changed elsewhere \(on another screen or desk\)/,
    )
    const now = await k.read()
    expect(k.value(now)).toEqual(k.expected(1))
    expect(now.revision).toBe((onTheOtherDesk as { value: Row }).value.revision)
  })

  it('is accepted when it builds on the revision the last save answered', async () => {
    await aClinicWithOneOfEach(core)
    const opened = await k.read()
    const saved = (await ok(k.save, {
      ...(k.input(opened, 1) as object),
      baseRevision: opened.revision,
    })) as Row
    expect(saved.revision).toBe(opened.revision + 1)
    await ok(k.save, { ...(k.input(opened, 2) as object), baseRevision: saved.revision })
    expect(k.value(await k.read())).toEqual(k.expected(2))
  })

  it('refuses a base revision from the future too', async () => {
    await aClinicWithOneOfEach(core)
    const opened = await k.read()
    const r = await invoke(k.save, {
      ...(k.input(opened, 3) as object),
      baseRevision: opened.revision + 1,
    })
    expect(!r.ok && r.error.code).toBe('conflict')
  })
})
