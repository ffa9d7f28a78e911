import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/main/rpc/context'
import { aStaffMember } from '../fixtures/staff'
import { aCompletedAppointment, aMark, aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { call, openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
let sam: Session
let alex: Session
let owner: Session
let reception: Session
let clientId: number
let noteId: number

beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-11-24T11:00:00Z') })
  const s = await aTherapistAccount(core, 'Sam')
  sam = s.session
  alex = (await aTherapistAccount(core, 'Alex')).session
  owner = await aStaffMember(core.db, 'owner')
  reception = await aStaffMember(core.db, 'reception')
  ;({ clientId } = await aCompletedAppointment(core, s.therapistId))
  noteId = (
    await aNote(core, sam, clientId)
      .withSection('subjective', 'Suspected stress fracture')
      .withPain(7, 3)
      .withMark(aMark())
      .signed()
      .in()
  ).id
})
afterEach(async () => {
  await core.dispose()
})

const setAuthorOnly = (on: boolean) =>
  core.db
    .updateTable('security_settings')
    .set({ notes_author_only: on ? 1 : 0 })
    .execute()

describe('who may read a treatment note', () => {
  it('shows reception that a note exists, but never its content', async () => {
    const list = await callOk(core, 'notes.listForClient', { clientId }, reception)
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ id: noteId, readable: false, templateName: 'Follow-up (SOAP)' })
    expect(list[0]).not.toHaveProperty('painBefore')
    expect(list[0]).not.toHaveProperty('bodyMarks')
    expect(JSON.stringify(list)).not.toMatch(/fracture/)
    for (const [method, input] of [
      ['notes.get', { id: noteId }],
      ['notes.search', { clientId, query: 'fracture' }],
      ['notes.progress', { clientId }],
      ['notes.exportPdf', { noteId }],
      ['notes.addAddendum', { noteId, body: 'x' }],
    ] as const) {
      const r = await core.router.call(method, input, reception)
      expect(r.ok ? 'allowed' : r.error.code, method).toBe('forbidden')
    }
  })

  it('lets every therapist and the owner read notes while the author-only rule is off', async () => {
    expect((await callOk(core, 'notes.get', { id: noteId }, alex)).painAfter).toBe(3)
    expect((await callOk(core, 'notes.get', { id: noteId }, owner)).painAfter).toBe(3)
  })

  it('keeps a note to its author (and the owner) when the owner turns author-only on', async () => {
    await setAuthorOnly(true)
    const r = await call(core, 'notes.get', { id: noteId }, alex)
    expect(!r.ok && r.error.code).toBe('forbidden')
    const list = await callOk(core, 'notes.listForClient', { clientId }, alex)
    expect(list[0]!.readable).toBe(false)
    expect(list[0]).not.toHaveProperty('painAfter')
    expect(await callOk(core, 'notes.search', { clientId, query: 'fracture' }, alex)).toEqual([])
    expect(await callOk(core, 'notes.progress', { clientId }, alex)).toEqual([])
    expect((await call(core, 'notes.exportPdf', { clientId }, alex)).ok).toBe(false)
    expect((await callOk(core, 'notes.get', { id: noteId }, sam)).painAfter).toBe(3)
    expect((await callOk(core, 'notes.get', { id: noteId }, owner)).painAfter).toBe(3)
  })

  it('writes every opening to the audit log without health details', async () => {
    await callOk(core, 'notes.get', { id: noteId }, alex)
    await callOk(core, 'notes.listForClient', { clientId }, owner)
    await callOk(core, 'notes.listForClient', { clientId }, reception)
    const rows = await core.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'notes.opened')
      .orderBy('id')
      .execute()
    expect(rows.map((r) => [r.user_id, r.entity_type, r.entity_id, r.summary])).toEqual([
      [alex.userId, 'client', String(clientId), `Opened treatment note #${noteId}`],
      [
        owner.userId,
        'client',
        String(clientId),
        'Listed 1 treatment note with pain scores and body charts',
      ],
    ])
    const all = await core.db.selectFrom('audit_log').select('summary').execute()
    expect(JSON.stringify(all)).not.toMatch(/fracture|hamstring/i)
  })
})
