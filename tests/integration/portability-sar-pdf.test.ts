import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aClient } from '../fixtures/clients'
import { at } from '../fixtures/diary'
import { aMark, aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { aSession, openTempCore } from '../fixtures/temp-core'
import { aMessagingClinic } from '../fixtures/messages'
import { methods } from '../fixtures/money'

type Core = Awaited<ReturnType<typeof openTempCore>>
const owner = aSession('owner')
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/** The PDF's text as poppler reads it, with line breaks folded so wrapped lines still match. */
function pdfText(dir: string, pdf: Uint8Array): string {
  const file = join(dir, 'sar.pdf')
  writeFileSync(file, pdf)
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  )
}

describe('the subject access PDF', () => {
  let core: Core
  beforeEach(async () => {
    // Pinned: the bookings below are in the future of this day (the suite runs on any date).
    core = await openTempCore({ now: () => new Date('2026-11-29T10:00:00Z') })
  })
  afterEach(async () => {
    await core.dispose()
  })

  it('holds identity, contact, consents, questionnaires, alerts, appointments and notes with addenda', async () => {
    const { session: sam, therapistId } = await aTherapistAccount(core, 'Sam')
    const aisha = await aClient()
      .named('Aisha', 'Khan')
      .withEmail('aisha.khan@example.com')
      .withMobile('07911 123456')
      .bornOn('1988-03-14')
      .livingAt('LS6 2AB')
      .with({ consentTreatment: true, occupation: 'Physics teacher' })
      .withAlert('Bruises easily', 'caution', false)
      .in(core)
    await callOk(
      core,
      'clients.saveQuestionnaire',
      {
        clientId: aisha.id,
        conditions: [],
        medications: 'None',
        allergies: [],
        otherAllergies: '',
      },
      owner,
    )
    await callOk(
      core,
      'clients.saveQuestionnaire',
      {
        clientId: aisha.id,
        conditions: [{ code: 'diabetes', detail: 'type 1' }],
        medications: 'Insulin',
        allergies: ['latex'],
        otherAllergies: 'Arnica',
      },
      owner,
    )
    const services = await callOk(core, 'services.list', {}, owner)
    const appt = await callOk(
      core,
      'diary.book',
      {
        clientId: aisha.id,
        serviceId: services[0]!.id,
        therapistId,
        startsAt: at('2026-11-24 10:00'),
        override: { reason: 'test set-up' },
        confirmPast: true,
      },
      owner,
    )
    await callOk(core, 'diary.setStatus', { id: appt.id, status: 'completed' }, owner)
    const note = await aNote(core, sam, aisha.id)
      .forAppointment(appt.id)
      .withSection('subjective', 'Right hamstring tight since the Leeds 10k.')
      .withPain(6, 2)
      .withMark(aMark())
      .in()
    await callOk(
      core,
      'notes.addAttachment',
      { noteId: note.id, filename: 'knee scan.png', base64: PNG.toString('base64') },
      sam,
    )
    await callOk(core, 'notes.sign', { id: note.id }, sam)
    await callOk(
      core,
      'notes.addAddendum',
      { noteId: note.id, body: 'Client phoned: hamstring much better after two days.' },
      sam,
    )

    const out = await callOk(core, 'gdpr.subjectAccess', { clientId: aisha.id }, owner)
    const zip = unzipSync(Buffer.from(out.base64, 'base64'))
    const pdfName = out.files.find((f) => f.endsWith('.pdf'))!
    expect(out.files).toEqual([
      pdfName,
      pdfName.replace(/pdf$/, 'json'),
      expect.stringMatching(/^attachments\/\d+-knee scan\.png$/),
    ])
    expect(Buffer.from(zip[out.files[2]!]!)).toEqual(PNG)

    const text = pdfText(core.dir, zip[pdfName]!)
    for (const expected of [
      'Everything we hold about Aisha Khan',
      'Identity',
      '14/03/1988',
      'Physics teacher',
      'aisha.khan@example.com',
      '07911 123456',
      'LS6 2AB',
      'Consent to treatment Given',
      'Marketing by email Not given',
      'Version 1',
      'Version 2',
      'Diabetes (type 1)',
      'Insulin',
      'Arnica',
      'Caution: Bruises easily',
      '24 Nov 2026, 10:00',
      'with Sam',
      'Completed',
      'Right hamstring tight since the Leeds 10k.',
      'Pain (0-10): before 6, after 2',
      'Signed by Sam',
      'Client phoned: hamstring much better after two days.',
      'knee scan.png',
      'Subject access request · produced by Test owner',
    ]) {
      expect(text).toContain(expected)
    }

    // A page rendered to look at (test-results/sar-page-1.png).
    mkdirSync('test-results', { recursive: true })
    writeFileSync(join(core.dir, 'look.pdf'), zip[pdfName]!)
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '70',
      '-f',
      '1',
      '-l',
      '2',
      join(core.dir, 'look.pdf'),
      'test-results/sar-page',
    ])
  })

  it('lists the messages sent to the client, their measures, and says when there are none', async () => {
    const { massage, sam, client } = await aMessagingClinic(core)
    await callOk(
      core,
      'diary.book',
      {
        clientId: client.id,
        serviceId: massage.id,
        therapistId: sam.id,
        startsAt: at('2027-01-12 09:00'),
      },
      owner,
    )
    await callOk(
      core,
      'measures.record',
      {
        clientId: client.id,
        appointmentId: null,
        replacesId: null,
        measure: { kind: 'psfs', activities: [{ activity: 'Run 10 km', score: 4 }] },
      },
      owner,
    )
    const out = await callOk(core, 'gdpr.subjectAccess', { clientId: client.id }, owner)
    const zip = unzipSync(Buffer.from(out.base64, 'base64'))
    const pdfName = out.files.find((f) => f.endsWith('.pdf'))!
    const text = pdfText(core.dir, zip[pdfName]!)
    const section = (title: string, next: string) =>
      text.slice(text.indexOf(` ${title} `), text.indexOf(` ${next} `, text.indexOf(` ${title} `)))
    // The booking queued a confirmation and a reminder on each channel: all four are listed.
    const messages = text.slice(text.indexOf(' Messages '))
    expect(messages).toContain(
      'Booking confirmation · E-mail to priya@example.com · waiting to be sent',
    )
    expect(messages).toContain(
      'Booking confirmation · Text message to 07700 900123 · waiting to be sent',
    )
    expect(messages.match(/Reminder · /g)).toHaveLength(2)
    expect(messages).toContain('you are booked with Sam on Tuesday 12 January 2027 at 09:00')
    expect(section('Outcome measures', 'Documents')).toContain(
      'Patient-Specific Functional Scale (PSFS) · score 4 · recorded by Test owner',
    )
    expect(section('Invoices and credit notes', 'Packages and gift vouchers')).toContain('None.')
    expect(section('Documents', 'Messages')).toContain('None.')
  })

  it('holds the waiting list, payments and the record history, and every word the JSON holds', async () => {
    const { massage, sam, client } = await aMessagingClinic(core)
    await callOk(
      core,
      'waitlist.add',
      {
        clientId: client.id,
        serviceId: massage.id,
        windows: [{ weekdays: [1, 3], after: '09:00', before: '12:00' }],
        urgency: 'high',
        notes: 'Sciatica flares in the evenings; mornings only',
      },
      owner,
    )
    const booked = await callOk(
      core,
      'diary.book',
      {
        clientId: client.id,
        serviceId: massage.id,
        therapistId: sam.id,
        startsAt: at('2027-01-12 09:00'),
        notes: 'Bring running shoes',
      },
      owner,
    )
    await callOk(
      core,
      'diary.cancel',
      { id: booked.id, by: 'client', reason: 'Priya rang: knee too swollen to travel' },
      owner,
    )
    const m = await methods(core)
    await callOk(
      core,
      'payments.take',
      {
        clientId: client.id,
        payments: [{ methodId: m.card!, amountPence: 2000, reference: 'TERM-8841' }],
      },
      owner,
    )
    const out = await callOk(core, 'gdpr.subjectAccess', { clientId: client.id }, owner)
    const zip = unzipSync(Buffer.from(out.base64, 'base64'))
    const pdfName = out.files.find((f) => f.endsWith('.pdf'))!
    const text = pdfText(core.dir, zip[pdfName]!)
    const waiting = text.slice(
      text.indexOf(' Waiting list '),
      text.indexOf(' Payments and account '),
    )
    expect(waiting).toContain('Sports massage 60 min · added 29 Nov 2026, 10:00 · high priority')
    expect(waiting).toContain('Times: Mon, Wed 09:00–12:00')
    expect(waiting).toContain('Sciatica flares in the evenings; mornings only')
    expect(text).toContain('Payment · £20.00 · Card · ref TERM-8841')
    expect(text).toContain('Balance: you owe £0.00; account credit £20.00')
    expect(text).toContain(
      'Booking confirmation · E-mail to priya@example.com · not sent (appointment cancelled)',
    )

    // Whatever the JSON holds as words (free text, names, references) the PDF says too.
    const json = JSON.parse(Buffer.from(zip[pdfName.replace(/pdf$/, 'json')]!).toString()) as {
      related: Record<string, Record<string, unknown>[]>
      history: { summary: string }[]
    }
    const WORDS =
      /^(notes|reason|cancel_reason|override_reason|text|body|subject|title|reference|recipient_name|medications|other_conditions|other_allergies|to_address|last_error)$/
    const said = [
      ...Object.entries(json.related).flatMap(([table, rows]) =>
        rows.flatMap((row) =>
          Object.entries(row)
            .filter(([column, value]) => WORDS.test(column) && typeof value === 'string' && value)
            .map(([column, value]) => ({ where: `${table}.${column}`, value: value as string })),
        ),
      ),
      ...json.history.map((h) => ({ where: 'history', value: h.summary })),
    ]
    expect(said.map((s) => s.where)).toEqual(
      expect.arrayContaining([
        'waitlist.notes',
        'appointments.cancel_reason',
        'ledger_entries.reference',
        'history',
      ]),
    )
    const missing = said.filter((s) => !text.includes(s.value.replace(/\s+/g, ' ')))
    expect(missing).toEqual([])
  })
})
