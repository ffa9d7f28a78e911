import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/main/rpc/context'
import {
  aCompletedAppointment,
  aMark,
  aNote,
  aTherapistAccount,
  callOk,
  emptyContent,
} from '../fixtures/notes'
import { call, openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
let sam: Session
let samTherapist: number

beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-11-24T11:00:00Z') })
  ;({ session: sam, therapistId: samTherapist } = await aTherapistAccount(core, 'Sam'))
})
afterEach(async () => {
  await core.dispose()
})

describe('a draft saved from a screen that fell behind', () => {
  it('refuses the reopened-empty-editor save (issue 11, item 1) and keeps the real draft', async () => {
    const { clientId, appointmentId } = await aCompletedAppointment(core, samTherapist)
    const opened = await aNote(core, sam, clientId).forAppointment(appointmentId).in()
    const draft = {
      ...emptyContent(),
      sections: { subjective: 'Calf tight since Sunday’s long run' },
      painBefore: 7,
      bodyMarks: [aMark({ region: 'calf-l' })],
    }
    // The first screen saves the real draft on the revision it loaded.
    const first = await callOk(
      core,
      'notes.saveDraft',
      { id: opened.id, baseRevision: opened.revision, content: draft },
      sam,
    )
    expect(first.revision).toBe(opened.revision + 1)
    // A stale screen (showing the empty note) types 3 in Pain after on the same base.
    const stale = await call(
      core,
      'notes.saveDraft',
      {
        id: opened.id,
        baseRevision: opened.revision,
        content: { ...emptyContent(), painAfter: 3 },
      },
      sam,
    )
    expect(stale.ok).toBe(false)
    expect(!stale.ok && stale.error.code).toBe('conflict')
    expect(!stale.ok && stale.error.message).toMatch(/changed elsewhere/)

    const kept = await callOk(core, 'notes.get', { id: opened.id }, sam)
    expect(kept.revision).toBe(first.revision)
    expect(kept.sections['subjective']).toBe('Calf tight since Sunday’s long run')
    expect(kept.painBefore).toBe(7)
    expect(kept.painAfter).toBeNull()
    expect(kept.bodyMarks).toEqual(draft.bodyMarks)
  })

  it.each([
    ['one behind', 1],
    ['far behind', 5],
    ['from the future', -1],
  ])('refuses a base revision %s', async (_label, behind) => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    let note = await aNote(core, sam, clientId).withPain(4, 0).in()
    for (let i = 0; i < 5; i++) {
      const saved = await callOk(
        core,
        'notes.saveDraft',
        {
          id: note.id,
          baseRevision: note.revision,
          content: { ...emptyContent(), painBefore: i },
        },
        sam,
      )
      note = { ...note, revision: saved.revision }
    }
    const r = await call(
      core,
      'notes.saveDraft',
      {
        id: note.id,
        baseRevision: note.revision - behind,
        content: { ...emptyContent(), painBefore: 9 },
      },
      sam,
    )
    expect(!r.ok && r.error.code).toBe('conflict')
    expect((await callOk(core, 'notes.get', { id: note.id }, sam)).painBefore).toBe(4)
  })

  it('accepts saves that each build on the revision the last one returned', async () => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    const note = await aNote(core, sam, clientId).in()
    let base = note.revision
    for (const pain of [1, 2, 3]) {
      const saved = await callOk(
        core,
        'notes.saveDraft',
        { id: note.id, baseRevision: base, content: { ...emptyContent(), painAfter: pain } },
        sam,
      )
      expect(saved.revision).toBe(base + 1)
      base = saved.revision
    }
    expect((await callOk(core, 'notes.get', { id: note.id }, sam)).painAfter).toBe(3)
  })
})

describe('signing from a screen that fell behind', () => {
  it('is refused when the note was saved elsewhere since, and signs the version on screen', async () => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    const onScreen = await aNote(core, sam, clientId).withPain(6, 2).in()
    const elsewhere = await callOk(
      core,
      'notes.saveDraft',
      {
        id: onScreen.id,
        baseRevision: onScreen.revision,
        content: { ...emptyContent(), painBefore: 9 },
      },
      sam,
    )
    const stale = await call(
      core,
      'notes.sign',
      { id: onScreen.id, baseRevision: onScreen.revision },
      sam,
    )
    expect(!stale.ok && stale.error.code).toBe('conflict')
    expect((await callOk(core, 'notes.get', { id: onScreen.id }, sam)).signed).toBeNull()
    const signed = await callOk(
      core,
      'notes.sign',
      { id: onScreen.id, baseRevision: elsewhere.revision },
      sam,
    )
    expect(signed.signed).not.toBeNull()
    expect(signed.painBefore).toBe(9)
  })
})
