import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { smsWorksChannel } from '../../src/main/services/messages/channels/sms-the-sms-works'
import { smsSegments } from '../../src/shared/messages/sms-segments'
import { callOk } from '../fixtures/clients'
import { at } from '../fixtures/diary'
import { MESSAGE_SETTINGS, aMessagingClinic, outboxRows } from '../fixtures/messages'
import { startSmsWorksServer } from '../fixtures/sms-works-server'
import { startSmtpServer } from '../fixtures/smtp-test-server'
import { aSession, openTempCore } from '../fixtures/temp-core'

const owner = aSession('owner')
const reception = aSession('reception')

let core: Awaited<ReturnType<typeof openTempCore>>
let now: Date
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let sms: Awaited<ReturnType<typeof startSmsWorksServer>>

beforeEach(async () => {
  now = new Date(at('2026-06-17 09:30'))
  core = await openTempCore({ now: () => now, sendMessages: false })
  smtp = await startSmtpServer({ refuse: /^nobody@/ })
  sms = await startSmsWorksServer()
})
afterEach(async () => {
  await core.dispose()
  await smtp.close()
  await sms.close()
})

const emailOnly = () => ({
  email: {
    ...MESSAGE_SETTINGS.email,
    port: smtp.port,
    caPem: smtp.certPem,
    password: smtp.password,
  },
  sms: { ...MESSAGE_SETTINGS.sms, enabled: false },
})
const smsOnly = () => ({
  email: { ...MESSAGE_SETTINGS.email, enabled: false },
  sms: { ...MESSAGE_SETTINGS.sms, baseUrl: sms.baseUrl, token: sms.token },
})

async function bookFor(clinic: Awaited<ReturnType<typeof aMessagingClinic>>, local: string) {
  return callOk(
    core,
    'diary.book',
    {
      clientId: clinic.client.id,
      serviceId: clinic.massage.id,
      therapistId: clinic.sam.id,
      startsAt: at(local),
    },
    reception,
  )
}

describe('e-mail over a real SMTP server (STARTTLS, AUTH)', () => {
  it('delivers the confirmation as MIME with headers, text and the .ics', async () => {
    const clinic = await aMessagingClinic(core, emailOnly())
    await bookFor(clinic, '2026-06-18 09:00')
    expect(await core.messages.drain()).toBe(1) // the reminder is due tomorrow
    expect(smtp.received).toHaveLength(1)
    const mail = smtp.received[0]!
    expect(mail.secure).toBe(true) // upgraded by STARTTLS before AUTH
    expect(mail.user).toBe('clinic')
    expect(mail.from).toBe('hello@riverside.example')
    expect(mail.to).toEqual(['priya@example.com'])
    const raw = mail.raw.replace(/=\r\n/g, '')
    expect(raw).toMatch(/^From: Riverside Clinic <hello@riverside\.example>\r$/m)
    expect(raw).toMatch(/^To: priya@example\.com\r$/m)
    expect(raw).toMatch(/^Subject: Your appointment on Thursday 18 June 2026 at 09:00\r$/m)
    expect(raw).toMatch(/^Message-ID: <[0-9a-f]{32}@riverside\.example>\r$/m)
    expect(raw).toContain(
      'You are booked for Sports massage 60 min with Sam on Thursday 18 June 2026 at 09:00',
    )
    expect(raw).toMatch(
      /Content-Type: text\/calendar; charset=utf-8; method=PUBLISH;\r\n name=appointment\.ics/,
    )
    const ics = Buffer.from(
      /Content-Disposition: attachment; filename=appointment\.ics\r\n\r\n([A-Za-z0-9+/=\r\n]+)/.exec(
        raw,
      )?.[1] ?? '',
      'base64',
    ).toString('utf8')
    const icsText = ics
    expect(icsText).toContain('BEGIN:VCALENDAR')
    expect(icsText).toContain('DTSTART:20260618T080000Z')
    expect(icsText).toContain('DTEND:20260618T090000Z')
    expect(icsText).toContain('SUMMARY:Sports massage 60 min with Sam')
    expect(icsText).toContain('UID:appointment-1@plinth')
    const [row] = await outboxRows(core)
    expect(row).toMatchObject({ state: 'sent', attempts: 1, last_error: null })
  })

  it('keeps a message queued with the reason when the password is wrong, and fails a refused address for good', async () => {
    const clinic = await aMessagingClinic(core, {
      ...emailOnly(),
      email: { ...emailOnly().email, password: 'wrong-password' },
    })
    await bookFor(clinic, '2026-06-18 09:00')
    await core.messages.drain()
    const [row] = await outboxRows(core)
    expect(row).toMatchObject({
      state: 'queued',
      attempts: 1,
      last_error: 'The mail server refused the user name or password.',
    })
    expect(Date.parse(row!.next_attempt_at)).toBeGreaterThanOrEqual(now.getTime() + 30_000)
    expect(smtp.received).toHaveLength(0)

    await callOk(core, 'messages.saveSettings', { ...MESSAGE_SETTINGS, ...emailOnly() }, owner)
    await core.db
      .updateTable('messages')
      .set({ to_address: 'nobody@example.com', next_attempt_at: now.toISOString() })
      .execute()
    await core.messages.drain()
    const [refused] = await outboxRows(core)
    expect(refused!.state).toBe('failed')
    expect(refused!.last_error).toMatch(/^The mail server refused it: 550/)
    // Retry puts it back in the queue; skip cancels it.
    const retried = await callOk(core, 'messages.retry', { id: refused!.id }, reception)
    expect(retried).toMatchObject({ state: 'queued', attempts: 0 })
    expect((await callOk(core, 'messages.skip', { id: refused!.id }, reception)).state).toBe(
      'cancelled',
    )
  })

  it('sends a test e-mail with the saved settings', async () => {
    await callOk(core, 'messages.saveSettings', { ...MESSAGE_SETTINGS, ...emailOnly() }, owner)
    const result = await callOk(core, 'messages.sendTestEmail', { to: 'owner@example.com' }, owner)
    expect(result).toEqual({ ok: true, message: 'Sent a test e-mail to owner@example.com.' })
    expect(smtp.received[0]!.raw).toMatch(/^Subject: Test e-mail from My clinic\r$/m)
    await smtp.close()
    const offline = await callOk(core, 'messages.sendTestEmail', { to: 'owner@example.com' }, owner)
    expect(offline.ok).toBe(false)
    expect(offline.message).toMatch(/^Could not reach the mail server/)
  })
})

describe('offline', () => {
  it('counts the messages waiting while no server can be reached, and sends them when it is back', async () => {
    const clinic = await aMessagingClinic(core, emailOnly())
    await smtp.close()
    await bookFor(clinic, '2026-06-18 09:00')
    await core.messages.drain()
    expect(await callOk(core, 'messages.status', {}, reception)).toMatchObject({
      waiting: 1,
      failed: 0,
      offline: true,
    })
    const [row] = await outboxRows(core)
    expect(row).toMatchObject({ state: 'queued', attempts: 1 })
    expect(row!.last_error).toMatch(/^Could not reach the mail server/)
    // The connection returns (a new server on the same port): the retry goes.
    smtp = await startSmtpServer({ port: smtp.port })
    now = new Date(Date.parse(row!.next_attempt_at) + 1)
    await core.messages.drain()
    expect(smtp.received).toHaveLength(1)
    expect(await callOk(core, 'messages.status', {}, reception)).toMatchObject({
      waiting: 0,
      offline: false,
    })
  })
})

describe('SMS through The SMS Works API (loopback server)', () => {
  it('sends with the sender ID, the number as 44…, the outbox key as tag, and reads the delivery report', async () => {
    const clinic = await aMessagingClinic(core, smsOnly())
    await core.db.updateTable('clients').set({ mobile: '07700 900123' }).execute()
    await bookFor(clinic, '2026-06-18 09:00')
    await core.messages.drain()
    expect(sms.messages).toHaveLength(1)
    const [sent] = sms.messages
    const [row] = await outboxRows(core)
    expect(sent).toMatchObject({
      sender: 'Riverside',
      destination: '447700900123',
      tag: row!.idem_key,
    })
    expect(sent!.content).toBe(row!.body)
    expect(row).toMatchObject({ state: 'sent', gateway_id: sent!.messageid })
    await core.messages.drain()
    expect((await outboxRows(core))[0]!.delivery).toBe('Delivered')
  })

  it('fails a number the gateway refuses (400), waits when out of credit (402), and records undeliverable reports', async () => {
    const clinic = await aMessagingClinic(core, smsOnly())
    await core.db.updateTable('clients').set({ mobile: '07700 900999' }).execute()
    sms.setCredits(0)
    await bookFor(clinic, '2026-06-18 09:00')
    await core.messages.drain()
    let [row] = await outboxRows(core)
    expect(row).toMatchObject({ state: 'queued', last_error: 'The SMS account is out of credit.' })
    sms.setCredits(10)
    await core.db.updateTable('messages').set({ next_attempt_at: now.toISOString() }).execute()
    await core.messages.drain()
    ;[row] = await outboxRows(core)
    expect(row!.state).toBe('sent')
    expect(row!.delivery).toBe('undeliverable: Handset unreachable')
    // A destination the gateway cannot parse is refused for good.
    const channel = smsWorksChannel({ baseUrl: sms.baseUrl, token: sms.token, sender: 'Riverside' })
    expect(
      await channel.send({ key: 'k', to: '+1 202 555 0100', subject: '', body: 'Hi', ics: null }),
    ).toEqual({
      ok: false,
      permanent: true,
      offline: false,
      reason: 'The SMS gateway refused it: Invalid destination: 12025550100',
    })
    const badToken = smsWorksChannel({
      baseUrl: sms.baseUrl,
      token: 'JWT wrong',
      sender: 'Riverside',
    })
    expect(
      await badToken.send({ key: 'k', to: '07700 900123', subject: '', body: 'Hi', ics: null }),
    ).toMatchObject({
      ok: false,
      permanent: false,
      reason: 'The SMS gateway refused the API token.',
    })
  })

  it('after a crash mid-send, finds the message by its tag instead of sending it again', async () => {
    const clinic = await aMessagingClinic(core, smsOnly())
    await bookFor(clinic, '2026-06-18 09:00')
    const [row] = await outboxRows(core)
    // The gateway took it, then the app died before recording it: the row is left `sending`.
    const channel = smsWorksChannel({ baseUrl: sms.baseUrl, token: sms.token, sender: 'Riverside' })
    await channel.send({
      key: row!.idem_key,
      to: row!.to_address,
      subject: '',
      body: row!.body,
      ics: null,
    })
    await core.db
      .updateTable('messages')
      .set({ state: 'sending', sending_at: new Date().toISOString(), attempts: 1 })
      .execute()
    await core.messages.drain()
    expect(sms.messages).toHaveLength(1)
    expect((await outboxRows(core))[0]).toMatchObject({
      state: 'sent',
      gateway_id: sms.messages[0]!.messageid,
    })
  })
})

describe('SMS segments (GSM-7 and UCS-2)', () => {
  it('counts 160 GSM-7 characters as one segment and one "ł" or emoji as UCS-2', () => {
    expect(smsSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1 })
    expect(smsSegments('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', segments: 2 })
    expect(smsSegments('a'.repeat(306))).toMatchObject({ segments: 2 })
    expect(smsSegments('a'.repeat(307))).toMatchObject({ segments: 3 })
    // ^ { } [ ] ~ \ | € take two GSM-7 septets.
    expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', segments: 1 })
    expect(smsSegments('€'.repeat(81))).toMatchObject({ encoding: 'GSM-7', segments: 2 })
    expect(smsSegments(`Ola Białek ${'a'.repeat(59)}`)).toMatchObject({
      encoding: 'UCS-2',
      segments: 1,
      nonGsm: ['ł'],
    })
    expect(smsSegments(`Ola Białek ${'a'.repeat(60)}`)).toMatchObject({
      encoding: 'UCS-2',
      segments: 2,
    })
    expect(smsSegments(`See you 👍 ${'a'.repeat(150)}`)).toMatchObject({
      encoding: 'UCS-2',
      segments: 3,
    })
  })
})
