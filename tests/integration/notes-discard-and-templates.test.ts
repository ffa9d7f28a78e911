import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/main/rpc/context'
import {
  aCompletedAppointment,
  aNote,
  aTherapistAccount,
  callOk,
  templateId,
} from '../fixtures/notes'
import { aStaffMember } from '../fixtures/staff'
import { call, openTempCore } from '../fixtures/temp-core'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

const PNG_SHA = createHash('sha256').update(PNG).digest('hex')
const SHARED_PNG = readFileSync(resolve('tests/fixtures/files/posture.png'))

let core: Awaited<ReturnType<typeof openTempCore>>
let sam: Session
let samTherapist: number
let owner: Session

beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-11-24T11:00:00Z') })
  ;({ session: sam, therapistId: samTherapist } = await aTherapistAccount(core, 'Sam'))
  owner = await aStaffMember(core.db, 'owner')
})
afterEach(async () => {
  await core.dispose()
})

const auditOf = (action: string) =>
  core.db
    .selectFrom('audit_log')
    .select(['summary', 'user_id'])
    .where('action', '=', action)
    .execute()

describe('discarding a draft', () => {
  it('removes an unsigned draft with its attachments and search text, and audits it', async () => {
    const { clientId, appointmentId } = await aCompletedAppointment(core, samTherapist)
    const draft = await aNote(core, sam, clientId)
      .forAppointment(appointmentId)
      .withSection('subjective', 'Wrong client entirely')
      .in()
    await callOk(
      core,
      'notes.addAttachment',
      { noteId: draft.id, filename: 'wrong.png', base64: PNG.toString('base64') },
      sam,
    )
    const kept = await aNote(core, sam, clientId).in()
    const shared = await callOk(
      core,
      'notes.addAttachment',
      { noteId: kept.id, filename: 'same-photo.png', base64: SHARED_PNG.toString('base64') },
      sam,
    )
    await callOk(
      core,
      'notes.addAttachment',
      { noteId: draft.id, filename: 'same-photo.png', base64: SHARED_PNG.toString('base64') },
      sam,
    )
    const wrongFile = join(core.dir, 'attachments', PNG_SHA.slice(0, 2), PNG_SHA)
    expect(existsSync(wrongFile)).toBe(true)
    await callOk(core, 'notes.discardDraft', { id: draft.id }, sam)
    // The draft's own photo is gone from disk; the one another note also uses stays.
    expect(existsSync(wrongFile)).toBe(false)
    const sharedSha = shared.attachments[0]!.sha256
    expect(existsSync(join(core.dir, 'attachments', sharedSha.slice(0, 2), sharedSha))).toBe(true)

    const gone = await call(core, 'notes.get', { id: draft.id }, sam)
    expect(!gone.ok && gone.error.code).toBe('not_found')
    expect(
      await core.db
        .selectFrom('note_attachments')
        .select('note_id')
        .where('note_id', '=', draft.id)
        .execute(),
    ).toEqual([])
    expect(await callOk(core, 'notes.search', { clientId, query: 'Wrong client' }, sam)).toEqual([])
    expect(await auditOf('notes.discardDraft')).toEqual([
      { summary: `Discarded draft treatment note #${draft.id}`, user_id: sam.userId },
    ])
    // The appointment is free for a fresh note.
    expect(await callOk(core, 'notes.forAppointment', { appointmentId }, sam)).toBeNull()
  })

  it('lets only the draft’s author discard it, and never a signed note', async () => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    const draft = await aNote(core, sam, clientId).withPain(5, 2).in()
    const alex = (await aTherapistAccount(core, 'Alex')).session
    for (const who of [alex, owner]) {
      const r = await call(core, 'notes.discardDraft', { id: draft.id }, who)
      expect(!r.ok && r.error.message).toBe('Only the person who started this note can discard it.')
    }
    const signed = await aNote(core, sam, clientId).withPain(7, 3).signed().in()
    const r = await call(core, 'notes.discardDraft', { id: signed.id }, sam)
    expect(!r.ok && r.error).toMatchObject({ code: 'conflict', message: /signed/ })
    expect((await callOk(core, 'notes.get', { id: signed.id }, sam)).painBefore).toBe(7)
    expect(await auditOf('notes.discardDraft')).toEqual([])
  })
})

describe('deleting and retiring templates', () => {
  it('deletes a template no note was written on', async () => {
    const added = await callOk(
      core,
      'notes.saveTemplate',
      { name: 'Pre-event', fields: [{ id: 'event', label: 'Event' }] },
      owner,
    )
    expect(await callOk(core, 'notes.deleteTemplate', { id: added.id }, owner)).toEqual({
      outcome: 'deleted',
    })
    const all = await callOk(core, 'notes.templates', { includeInactive: true }, owner)
    expect(all.map((t) => t.name)).not.toContain('Pre-event')
    expect(await auditOf('notes.deleteTemplate')).toEqual([
      { summary: 'Deleted the note template “Pre-event”', user_id: owner.userId },
    ])
  })

  it('retires a template notes were written on: hidden from new notes, the notes still read', async () => {
    const { clientId } = await aCompletedAppointment(core, samTherapist)
    const note = await aNote(core, sam, clientId)
      .withSection('plan', 'Review in two weeks')
      .signed()
      .withPain(4, 1)
      .in()
    const followUp = await templateId(core, 'Follow-up (SOAP)')
    expect(await callOk(core, 'notes.deleteTemplate', { id: followUp }, owner)).toEqual({
      outcome: 'retired',
    })
    const offered = await callOk(core, 'notes.templates', {}, sam)
    expect(offered.map((t) => t.name)).toEqual(['Initial assessment', 'Maintenance massage'])
    const all = await callOk(core, 'notes.templates', { includeInactive: true }, owner)
    expect(all.find((t) => t.id === followUp)?.active).toBe(false)

    const again = await callOk(core, 'notes.get', { id: note.id }, sam)
    expect(again.template.name).toBe('Follow-up (SOAP)')
    expect(again.sections['plan']).toBe('Review in two weeks')
    const pdf = await call(core, 'notes.exportPdf', { noteId: note.id }, sam)
    expect(pdf.ok).toBe(true)

    const start = await call(core, 'notes.start', { clientId, templateId: followUp }, sam)
    expect(!start.ok && start.error.message).toBe(
      'The “Follow-up (SOAP)” template is retired; choose another for new notes.',
    )
    expect(await auditOf('notes.deleteTemplate')).toHaveLength(1)
  })

  it('is for the owner only', async () => {
    const followUp = await templateId(core, 'Follow-up (SOAP)')
    const r = await call(core, 'notes.deleteTemplate', { id: followUp }, sam)
    expect(!r.ok && r.error.code).toBe('forbidden')
    const missing = await call(core, 'notes.deleteTemplate', { id: 999 }, owner)
    expect(!missing.ok && missing.error.code).toBe('not_found')
  })
})
