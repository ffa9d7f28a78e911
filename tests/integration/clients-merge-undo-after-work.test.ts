import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/main/rpc/context'
import { aClient } from '../fixtures/clients'
import { aBookedAppointment, aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

// Issue 11, item 21: undoing a merge after work on what it moved. Decision: refuse the undo
// and name the work, rather than guess which record the work belongs to.

type Core = Awaited<ReturnType<typeof openTempCore>>
let core: Core
let clock = new Date('2026-11-25T10:00:00Z')
const owner = aSession('owner')
let sam: Session
let samTherapist: number

beforeEach(async () => {
  clock = new Date('2026-11-25T10:00:00Z')
  core = await openTempCore({ now: () => clock })
  ;({ session: sam, therapistId: samTherapist } = await aTherapistAccount(core, 'Sam'))
})
afterEach(async () => {
  await core.dispose()
})

const later = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000)
}

/** A (kept) and B (merged into A), B with a booked appointment on Tue 24 Nov at 10:00. */
async function mergedWithAMovedAppointment() {
  const b = await aBookedAppointment(core, samTherapist, '2026-11-24 10:00')
  const a = await aClient().named('Katie', 'Morgan').withMobile('07911 123456').in(core)
  later(5)
  const { mergeId } = await callOk(
    core,
    'clients.merge',
    { keepId: a.id, mergeId: b.clientId, take: [] },
    owner,
  )
  later(5)
  return { keptId: a.id, mergedId: b.clientId, appointmentId: b.appointmentId, mergeId }
}

async function undoRefused(mergeId: number): Promise<string> {
  const r = await call(core, 'clients.undoMerge', { mergeId }, owner)
  expect(r.ok).toBe(false)
  if (r.ok) return ''
  expect(r.error.code).toBe('conflict')
  const merge = await core.db
    .selectFrom('client_merges')
    .select('undone_at')
    .where('id', '=', mergeId)
    .executeTakeFirstOrThrow()
  expect(merge.undone_at).toBeNull()
  return r.error.message
}

const clientOf = async (table: 'appointments' | 'notes', id: number) =>
  (
    await core.db
      .selectFrom(table)
      .select('client_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).client_id

describe('undoing a merge after work on what it moved', () => {
  it('refuses once the moved appointment was completed and a note signed on it, naming both', async () => {
    const { keptId, appointmentId, mergeId } = await mergedWithAMovedAppointment()
    await callOk(core, 'diary.setStatus', { id: appointmentId, status: 'completed' }, owner)
    const note = await aNote(core, sam, keptId)
      .forAppointment(appointmentId)
      .withPain(6, 2)
      .signed()
      .in()

    const message = await undoRefused(mergeId)
    expect(message).toContain('the appointment on Tue 24 Nov 2026 at 10:00 was changed')
    expect(message).toContain(
      'a treatment note written on the appointment on Tue 24 Nov 2026 at 10:00',
    )
    // Nothing moved: the appointment and its signed note stay together on the kept record.
    expect(await clientOf('appointments', appointmentId)).toBe(keptId)
    expect(await clientOf('notes', note.id)).toBe(keptId)
  })

  it('refuses when only a note was written on the moved appointment', async () => {
    const { keptId, appointmentId, mergeId } = await mergedWithAMovedAppointment()
    await aNote(core, sam, keptId).forAppointment(appointmentId).withPain(5, 5).in()
    const message = await undoRefused(mergeId)
    expect(message).toContain('a treatment note written on the appointment on Tue 24 Nov 2026')
    expect(message).not.toContain('was changed')
  })

  it('refuses when only the moved appointment was marked did not attend', async () => {
    const { appointmentId, mergeId } = await mergedWithAMovedAppointment()
    await callOk(core, 'diary.setStatus', { id: appointmentId, status: 'no_show' }, owner)
    expect(await undoRefused(mergeId)).toContain('the appointment on Tue 24 Nov 2026 at 10:00')
  })

  it('refuses when a moved note was signed or given an addendum since', async () => {
    const b = await aBookedAppointment(core, samTherapist, '2026-11-24 10:00')
    const draft = await aNote(core, sam, b.clientId).withPain(4, 1).in()
    const signed = await aNote(core, sam, b.clientId).withPain(3, 1).signed().in()
    const a = await aClient().named('Katie', 'Morgan').withMobile('07911 123456').in(core)
    later(5)
    const { mergeId } = await callOk(
      core,
      'clients.merge',
      { keepId: a.id, mergeId: b.clientId, take: [] },
      owner,
    )
    later(5)
    await callOk(core, 'notes.sign', { id: draft.id }, sam)
    await callOk(core, 'notes.addAddendum', { noteId: signed.id, body: 'Rang: fine now' }, sam)
    const message = await undoRefused(mergeId)
    expect(message).toMatch(/the treatment note of \w+ \d+ \w+ 2026 at \d\d:\d\d was changed/)
    expect(message).toContain('an addendum added to the treatment note of')
  })

  it('still undoes when nothing moved was touched, even after other work on the kept record', async () => {
    const { keptId, mergedId, appointmentId, mergeId } = await mergedWithAMovedAppointment()
    // A note on the kept record that has nothing to do with the moved appointment.
    const own = await aNote(core, sam, keptId).withPain(2, 1).in()
    await callOk(core, 'clients.undoMerge', { mergeId }, owner)
    expect(await clientOf('appointments', appointmentId)).toBe(mergedId)
    expect(await clientOf('notes', own.id)).toBe(keptId)
  })

  it('refuses an undo of a merge recorded before footprints were kept, once a note is on a moved appointment', async () => {
    const { keptId, appointmentId, mergeId } = await mergedWithAMovedAppointment()
    // As such a merge was recorded: the snapshot without its footprint.
    const row = await core.db
      .selectFrom('client_merges')
      .select('snapshot')
      .where('id', '=', mergeId)
      .executeTakeFirstOrThrow()
    const { footprint: _dropped, ...old } = JSON.parse(row.snapshot) as Record<string, unknown>
    await core.db
      .updateTable('client_merges')
      .set({ snapshot: JSON.stringify(old) })
      .where('id', '=', mergeId)
      .execute()
    await aNote(core, sam, keptId).forAppointment(appointmentId).withPain(5, 5).in()
    expect(await undoRefused(mergeId)).toContain('a treatment note written on the appointment')
  })
})

describe('a client form opened before a merge', () => {
  it('cannot save over the fields the merge took over', async () => {
    const b = await aClient().named('Kate', 'Morgan').withMobile('07400 555666').in(core)
    const a = await aClient().named('Katie', 'Morgan').withMobile('07911 123456').in(core)
    const opened = await callOk(core, 'clients.get', { id: a.id }, owner)
    await callOk(core, 'clients.merge', { keepId: a.id, mergeId: b.id, take: ['mobile'] }, owner)
    const stale = await call(
      core,
      'clients.update',
      {
        id: a.id,
        baseRevision: opened.revision,
        client: { firstName: 'Katie', lastName: 'Morgan', mobile: '07911 123456' },
      },
      owner,
    )
    expect(!stale.ok && stale.error.code).toBe('conflict')
    expect((await callOk(core, 'clients.get', { id: a.id }, owner)).mobile).toBe('07400 555666')
  })
})
