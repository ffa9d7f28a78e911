import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aClient } from '../fixtures/clients'
import { aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { pdfTextOf } from '../fixtures/pdf-text'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

type Core = Awaited<ReturnType<typeof openTempCore>>
let core: Core
const clock = new Date('2026-06-17T09:00:00Z')
const owner = aSession('owner')
beforeEach(async () => {
  core = await openTempCore({ now: () => clock })
})
afterEach(async () => {
  await core.dispose()
})

async function aSignedNote() {
  const sam = await aTherapistAccount(core, 'Sam Okafor')
  await core.db
    .updateTable('therapists')
    .set({ professional_body: 'Sports Massage Association', membership_number: 'SMA 12345' })
    .where('id', '=', sam.therapistId)
    .execute()
  const client = await aClient({
    dateOfBirth: '1988-03-04',
    gpName: 'Dr Ana Øvergård',
    gpPractice: 'Riverside Surgery',
  })
    .named('Zoë', 'Błaszczyk')
    .in(core)
  const note = await aNote(core, sam.session, client.id)
    .withSection('objective', 'Reduced left SLR (58° vs 78°).')
    .withSection('assessment', 'Possible lumbar referral.')
    .withSection('plan', 'Please review; continue weekly massage.')
    .withPain(6, 4)
    .signed()
    .in()
  return { sam, client, note }
}

describe('letters to the GP or another clinician', () => {
  it('fills the GP template from the record, the signed note and the therapist, and keeps a copy', async () => {
    const { sam, client, note } = await aSignedNote()
    const templates = await callOk(core, 'letters.templates', {}, sam.session)
    const gp = templates.find((t) => t.name === 'Letter to the GP')!
    const letter = await callOk(
      core,
      'letters.make',
      { noteId: note.id, templateId: gp.id },
      sam.session,
    )
    const text = pdfTextOf(
      Buffer.from(letter.base64, 'base64'),
      resolve('test-results/letters'),
      'gp-letter',
      { dpi: 60 },
    )
    expect(text).toContain('Dear Dr Ana Øvergård,')
    expect(text).toContain('Re: Zoë Błaszczyk, born 4 March 1988')
    expect(text).toContain('Findings: Reduced left SLR (58° vs 78°).')
    expect(text).toContain('Possible lumbar referral.')
    expect(text).toContain('Plan: Please review; continue weekly massage.')
    expect(text).toContain('Sports Massage Association, no. SMA 12345')
    expect(text).toContain('17 June 2026')
    // Said on screen: the record had nothing for these, so the letter leaves them out.
    expect(letter.empty).toEqual([
      'GP practice address',
      'The client’s address and postcode',
      'Their qualification',
      'The clinic’s phone number',
    ])
    const docs = await callOk(core, 'documents.list', { clientId: client.id }, owner)
    expect(docs).toMatchObject([{ kind: 'letter', title: 'Letter to the GP, 2026-06-17' }])
    const audit = await core.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'letters.make')
      .execute()
    expect(audit).toEqual([
      { summary: `Wrote letter #${letter.documentId} from treatment note #${note.id}` },
    ])
  })

  it('quotes only signed notes, and refuses a template with a placeholder it does not know', async () => {
    const sam = await aTherapistAccount(core, 'Sam')
    const client = await aClient().in(core)
    const draft = await aNote(core, sam.session, client.id).withSection('plan', 'Rest').in()
    const [gp] = await callOk(core, 'letters.templates', {}, owner)
    expect(
      await call(core, 'letters.make', { noteId: draft.id, templateId: gp!.id }, sam.session),
    ).toMatchObject({ ok: false, error: { code: 'rule_broken' } })
    const typo = await call(
      core,
      'letters.saveTemplate',
      { name: 'Physio', body: 'Dear {{gp.nmae}}' },
      owner,
    )
    expect(typo).toMatchObject({
      ok: false,
      error: { code: 'rule_broken', fieldErrors: [{ path: 'body' }] },
    })
    expect(
      await call(core, 'letters.saveTemplate', { name: 'Physio', body: 'Hi' }, sam.session),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})
