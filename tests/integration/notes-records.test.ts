import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/main/rpc/context'
import {
  aBookedAppointment,
  aCompletedAppointment,
  aMark,
  aNote,
  aTherapistAccount,
  callOk,
  emptyContent,
  templateId,
} from '../fixtures/notes'
import { aStaffMember } from '../fixtures/staff'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
let now = new Date('2026-11-24T11:00:00Z')
let sam: Session
let samTherapist: number
const owner = aSession('owner')

beforeEach(async () => {
  now = new Date('2026-11-24T11:00:00Z')
  core = await openTempCore({ now: () => now })
  ;({ session: sam, therapistId: samTherapist } = await aTherapistAccount(core, 'Sam'))
})
afterEach(async () => {
  await core.dispose()
})

describe('templates', () => {
  it('starts with the three clinic templates, the initial assessment with its red-flag screen', async () => {
    const templates = await callOk(core, 'notes.templates', {}, sam)
    expect(templates.map((t) => t.name)).toEqual([
      'Initial assessment',
      'Follow-up (SOAP)',
      'Maintenance massage',
    ])
    expect(templates[0]!.fields.map((f) => f.label)).toContain('Red-flag screen')
    expect(templates[1]!.fields.map((f) => f.id)).toEqual([
      'subjective',
      'objective',
      'assessment',
      'plan',
    ])
  })

  it('lets the owner add a template and rejects duplicate field ids and empty templates', async () => {
    const added = await callOk(
      core,
      'notes.saveTemplate',
      {
        name: 'Pre-event',
        fields: [
          { id: 'event', label: 'Event and date' },
          { id: 'focus', label: 'Focus areas' },
        ],
      },
      owner,
    )
    expect(added.fields).toHaveLength(2)
    const dup = await call(
      core,
      'notes.saveTemplate',
      {
        name: 'Bad',
        fields: [
          { id: 'a', label: 'A' },
          { id: 'a', label: 'Again' },
        ],
      },
      owner,
    )
    expect(!dup.ok && dup.error.fieldErrors).toEqual([
      { path: 'fields', message: 'Each field needs its own id' },
    ])
    const empty = await call(core, 'notes.saveTemplate', { name: 'Empty', fields: [] }, owner)
    expect(!empty.ok && empty.error.code).toBe('invalid_input')
    const byTherapist = await call(
      core,
      'notes.saveTemplate',
      { name: 'Mine', fields: [{ id: 'x', label: 'X' }] },
      sam,
    )
    expect(!byTherapist.ok && byTherapist.error.code).toBe('forbidden')
  })

  it('keeps the fields a note was started with when the owner later edits the template', async () => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    const note = await aNote(core, sam, clientId).withSection('plan', 'Stretch daily').in()
    const followUp = await templateId(core, 'Follow-up (SOAP)')
    await callOk(
      core,
      'notes.saveTemplate',
      { id: followUp, name: 'Follow-up (SOAP)', fields: [{ id: 'summary', label: 'Summary' }] },
      owner,
    )
    const again = await callOk(core, 'notes.get', { id: note.id }, sam)
    expect(again.template.fields.map((f) => f.id)).toContain('plan')
    expect(again.sections['plan']).toBe('Stretch daily')
  })
})

describe('drafts', () => {
  it('writes a note for today’s visit, not for a booking on a later day', async () => {
    const { clientId, appointmentId } = await aBookedAppointment(
      core,
      samTherapist,
      '2026-11-26 10:00',
    )
    const template = await templateId(core, 'Follow-up (SOAP)')
    const early = await call(
      core,
      'notes.start',
      { clientId, appointmentId, templateId: template },
      sam,
    )
    expect(early.ok || early.error).toMatchObject({
      code: 'rule_broken',
      message:
        'This appointment is on Thursday 26 November: write its note on the day of the treatment.',
    })
    expect(await core.db.selectFrom('notes').select('id').execute()).toEqual([])
    now = new Date('2026-11-26T09:00:00Z') // the morning of the visit, before it starts
    const onTheDay = await call(
      core,
      'notes.start',
      { clientId, appointmentId, templateId: template },
      sam,
    )
    expect(onTheDay.ok).toBe(true)
  })

  it('autosaves a draft and continues it when Write note is pressed again on the appointment', async () => {
    const { clientId, appointmentId } = await aCompletedAppointment(core, samTherapist)
    const started = await callOk(
      core,
      'notes.start',
      { clientId, appointmentId, templateId: await templateId(core, 'Follow-up (SOAP)') },
      sam,
    )
    expect(started.therapistName).toBe('Sam')
    const content = {
      ...emptyContent(),
      sections: { subjective: 'Tight right hamstring after the 10k' },
      painBefore: 7,
      bodyMarks: [aMark()],
    }
    const saved = await callOk(
      core,
      'notes.saveDraft',
      { id: started.id, baseRevision: started.revision, content },
      sam,
    )
    expect(saved.revision).toBe(started.revision + 1)

    const reopened = await callOk(
      core,
      'notes.start',
      { clientId, appointmentId, templateId: await templateId(core, 'Maintenance massage') },
      sam,
    )
    expect(reopened.id).toBe(started.id)
    expect(reopened.template.name).toBe('Follow-up (SOAP)')
    expect(reopened.sections['subjective']).toBe('Tight right hamstring after the 10k')
    expect(reopened.bodyMarks).toEqual([aMark()])
    expect(reopened.editable).toBe(true)
  })

  it('refuses pain scores outside 0 to 10 and unknown body regions, next to the field', async () => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    const note = await aNote(core, sam, clientId).in()
    const r = await call(
      core,
      'notes.saveDraft',
      {
        id: note.id,
        baseRevision: note.revision,
        content: { ...emptyContent(), painBefore: 11, bodyMarks: [aMark({ region: 'tail' })] },
      },
      sam,
    )
    expect(!r.ok && r.error.fieldErrors?.map((f) => f.path)).toEqual([
      'content.painBefore',
      'content.bodyMarks.0.region',
    ])
  })

  it('lets only the author change a draft', async () => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    const note = await aNote(core, sam, clientId).in()
    const { session: alex } = await aTherapistAccount(core, 'Alex')
    const r = await call(
      core,
      'notes.saveDraft',
      { id: note.id, baseRevision: note.revision, content: emptyContent() },
      alex,
    )
    expect(!r.ok && r.error.code).toBe('forbidden')
  })

  it('lists a therapist’s unsigned notes, flagging those left past the end of their day', async () => {
    const { clientId: a, appointmentId: earlier } = await aCompletedAppointment(
      core,
      samTherapist,
      '2026-11-23 10:00',
    )
    const { clientId: b, appointmentId } = await aCompletedAppointment(
      core,
      samTherapist,
      '2026-11-24 10:00',
    )
    const yesterday = await aNote(core, sam, a).forAppointment(earlier).withPain(5, 2).in()
    await aNote(core, sam, b).forAppointment(appointmentId).withPain(4, 1).in()
    const { session: alex } = await aTherapistAccount(core, 'Alex')
    const list = await callOk(core, 'notes.unsigned', {}, sam)
    expect(list.notes.map((n) => [n.clientId, n.overdue])).toEqual([
      [a, true],
      [b, false],
    ])
    expect(list).toMatchObject({ total: 2, overdue: 1, next: null })
    expect(list.notes[0]!.id).toBe(yesterday.id)
    expect(await callOk(core, 'notes.unsigned', {}, alex)).toEqual({
      notes: [],
      total: 0,
      overdue: 0,
      next: null,
    })
    expect((await callOk(core, 'notes.unsigned', {}, owner)).notes).toHaveLength(2)
    const overdueOnly = await callOk(core, 'notes.unsigned', { overdueOnly: true }, sam)
    expect(overdueOnly.notes.map((n) => n.id)).toEqual([yesterday.id])
  })

  it('pages unsigned notes in session order, each exactly once, with the counts of all', async () => {
    // Five drafts, two of them at the same session time: the cursor must not skip or repeat.
    const starts = ['2026-11-20 09:00', '2026-11-21 09:00', '2026-11-21 09:00', '2026-11-22 09:00']
    const ids: number[] = []
    for (const start of [...starts, '2026-11-24 10:00']) {
      const { clientId, appointmentId } = await aCompletedAppointment(core, samTherapist, start)
      ids.push((await aNote(core, sam, clientId).forAppointment(appointmentId).in()).id)
    }
    const seen: number[] = []
    let after: { sessionAt: string; id: number } | undefined
    for (let page = 0; page < 10; page++) {
      const got = await callOk(
        core,
        'notes.unsigned',
        { limit: 2, ...(after ? { after } : {}) },
        sam,
      )
      expect(got.total).toBe(5)
      expect(got.overdue).toBe(4)
      expect(got.notes.length).toBeLessThanOrEqual(2)
      seen.push(...got.notes.map((n) => n.id))
      if (!got.next) break
      after = got.next
    }
    expect(seen).toEqual(ids)
    // A desk asks about its own kept drafts only.
    const kept = await callOk(core, 'notes.unsigned', { ids: [ids[4]!, 999_999] }, sam)
    expect(kept).toMatchObject({ total: 1, overdue: 0 })
    expect(kept.notes.map((n) => n.id)).toEqual([ids[4]])
    // A page is bounded: a client cannot ask for every draft at once.
    const tooMany = await core.router.call('notes.unsigned', { limit: 5000 }, sam)
    expect(tooMany.ok).toBe(false)
  })
})

describe('signing', () => {
  it('records who signed and when, and then refuses changes through the service', async () => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    const note = await aNote(core, sam, clientId).withPain(7, 3).signed().in()
    expect(note.signed).toEqual({
      at: '2026-11-24T11:00:00.000Z',
      by: { userId: sam.userId, name: 'Sam' },
    })
    expect(note.editable).toBe(false)
    const edit = await call(
      core,
      'notes.saveDraft',
      { id: note.id, baseRevision: note.revision, content: emptyContent() },
      sam,
    )
    expect(!edit.ok && edit.error.code).toBe('conflict')
    const discard = await call(core, 'notes.discardDraft', { id: note.id }, sam)
    expect(!discard.ok && discard.error.code).toBe('conflict')
  })

  it('makes a raw SQL UPDATE or DELETE of a signed note fail in the database itself', async () => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    const note = await aNote(core, sam, clientId).withPain(7, 3).signed().in()
    expect(() =>
      core.sqlite.prepare('UPDATE notes SET pain_after = 0 WHERE id = ?').run(note.id),
    ).toThrow(/signed note cannot be changed/)
    expect(() => core.sqlite.prepare('DELETE FROM notes WHERE id = ?').run(note.id)).toThrow(
      /signed note cannot be deleted/,
    )
    const draft = await aNote(core, sam, clientId).withPain(2, 1).in()
    expect(
      core.sqlite.prepare('UPDATE notes SET pain_after = 0 WHERE id = ?').run(draft.id).changes,
    ).toBe(1)
  })

  it('will not sign an empty note, nor let someone else sign it', async () => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    const note = await aNote(core, sam, clientId).in()
    const empty = await call(core, 'notes.sign', { id: note.id }, sam)
    expect(!empty.ok && empty.error.message).toMatch(/empty/)
    const theOwner = await aStaffMember(core.db, 'owner')
    const byOwner = await call(core, 'notes.sign', { id: note.id }, theOwner)
    expect(!byOwner.ok && byOwner.error.code).toBe('forbidden')
  })
})

describe('addenda', () => {
  it('adds dated, attributed addenda to a signed note, shown in the order written, never changed', async () => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    const note = await aNote(core, sam, clientId).withPain(7, 3).signed().in()
    now = new Date('2026-11-24T15:00:00Z')
    await callOk(
      core,
      'notes.addAddendum',
      { noteId: note.id, body: 'Left, not right, hamstring' },
      sam,
    )
    now = new Date('2026-11-25T09:00:00Z')
    const { session: alex } = await aTherapistAccount(core, 'Alex')
    const after = await callOk(
      core,
      'notes.addAddendum',
      { noteId: note.id, body: 'Client phoned: much better' },
      alex,
    )
    expect(after.addenda.map((a) => [a.author.name, a.signedAt, a.body])).toEqual([
      ['Sam', '2026-11-24T15:00:00.000Z', 'Left, not right, hamstring'],
      ['Alex', '2026-11-25T09:00:00.000Z', 'Client phoned: much better'],
    ])
    expect(after.painAfter).toBe(3)
    expect(() => core.sqlite.prepare("UPDATE note_addenda SET body = 'x'").run()).toThrow(
      /addendum cannot be changed/,
    )
    expect(() => core.sqlite.prepare('DELETE FROM note_addenda').run()).toThrow(
      /addendum cannot be deleted/,
    )
  })

  it('keeps addenda for signed notes: a draft is changed directly', async () => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    const draft = await aNote(core, sam, clientId).withPain(3, 1).in()
    const r = await call(core, 'notes.addAddendum', { noteId: draft.id, body: 'x' }, sam)
    expect(!r.ok && r.error.code).toBe('rule_broken')
  })
})

describe('reading', () => {
  it('lists a client’s notes newest first with pain scores and body marks, and finds words in them', async () => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    now = new Date('2026-11-01T10:00:00Z')
    await aNote(core, sam, clientId)
      .withSection('subjective', 'Calf cramp during marathon training')
      .withPain(8, 5)
      .signed()
      .in()
    now = new Date('2026-11-15T10:00:00Z')
    await aNote(core, sam, clientId)
      .withSection('subjective', 'Hamstring tightness after intervals')
      .withPain(6, 2)
      .withMark(aMark())
      .signed()
      .in()
    const list = await callOk(core, 'notes.listForClient', { clientId }, sam)
    expect(list.map((n) => [n.sessionAt.slice(0, 10), n.painBefore, n.painAfter])).toEqual([
      ['2026-11-15', 6, 2],
      ['2026-11-01', 8, 5],
    ])
    expect(list[0]!.bodyMarks).toEqual([aMark()])

    const hits = await callOk(core, 'notes.search', { clientId, query: 'hamstr' }, sam)
    expect(hits).toHaveLength(1)
    expect(hits[0]!.snippet).toContain('[Hamstring]')
    const progress = await callOk(core, 'notes.progress', { clientId }, sam)
    expect(progress.map((p) => [p.painBefore, p.painAfter])).toEqual([
      [8, 5],
      [6, 2],
    ])
  })
})
