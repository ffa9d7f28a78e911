import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bookAppointment } from '../../src/main/services/diary/appointment-commands'
import { queueRecalls } from '../../src/main/services/messages/recall'
import { secretBoxFor } from '../../src/main/services/messages/secret-box'
import { MessageSender } from '../../src/main/services/messages/sender'
import type { Channel, Outgoing } from '../../src/main/services/messages/channels/channel'
import { callOk } from '../fixtures/clients'
import { at } from '../fixtures/diary'
import { aMessagingClinic, outboxRows } from '../fixtures/messages'
import { aSession, call, openTempCore } from '../fixtures/temp-core'
import { silentLogger } from '../../src/main/log'

const owner = aSession('owner')
const reception = aSession('reception')

let core: Awaited<ReturnType<typeof openTempCore>>
let now: Date
let clinic: Awaited<ReturnType<typeof aMessagingClinic>>

beforeEach(async () => {
  now = new Date(at('2026-06-17 07:30'))
  core = await openTempCore({ now: () => now, sendMessages: false })
  clinic = await aMessagingClinic(core)
})
afterEach(async () => {
  await core.dispose()
})

const book = (local: string, clientId = clinic.client.id) =>
  callOk(
    core,
    'diary.book',
    { clientId, serviceId: clinic.massage.id, therapistId: clinic.sam.id, startsAt: at(local) },
    reception,
  )

/** A channel that records what it is given and says it went. */
function recorder(): Channel & { sent: Outgoing[] } {
  const sent: Outgoing[] = []
  return {
    sent,
    async send(m) {
      sent.push(m)
      return { ok: true, gatewayId: `g-${sent.length}` }
    },
    close() {},
  }
}

function senderWith(channel: Channel) {
  return new MessageSender({
    use: (fn) => fn(core.db),
    box: secretBoxFor(core.key),
    now: () => now,
    log: silentLogger,
    channels: () => ({ email: channel, sms: channel }),
  })
}

describe('the outbox, queued with the change', () => {
  it('queues a confirmation and a reminder on each channel with the booking, out of quiet hours', async () => {
    const a = await book('2026-06-18 09:00')
    const rows = await outboxRows(core)
    expect(rows.map((r) => [r.kind, r.channel, r.state])).toEqual([
      ['confirmation', 'email', 'queued'],
      ['confirmation', 'sms', 'queued'],
      ['reminder', 'email', 'queued'],
      ['reminder', 'sms', 'queued'],
    ])
    // Booked at 07:30, inside quiet hours (21:00–08:00): the confirmation waits for 08:00.
    expect(rows[0]!.due_at).toBe(at('2026-06-17 08:00'))
    // 24 h before on the clinic's clock.
    expect(rows[2]!.due_at).toBe(at('2026-06-17 09:00'))
    expect(rows[0]!.appointment_id).toBe(a.id)
    expect(rows[1]!.body).toBe(
      'My clinic: Priya, you are booked with Sam on Thursday 18 June 2026 at 09:00. To change, call .',
    )
    expect(rows[0]!.with_ics).toBe(1)
    expect(rows[1]!.segments).toBe(1)
    expect(rows[1]!.cost_pence).toBe(4)
  })

  it('queues nothing when the booking command rolls back', async () => {
    await expect(
      core.db.transaction().execute(async (trx) => {
        await bookAppointment(
          trx,
          {
            clientId: clinic.client.id,
            serviceId: clinic.massage.id,
            therapistId: clinic.sam.id,
            startsAt: at('2026-06-18 09:00'),
            roomId: null,
            notes: '',
          },
          reception,
          now,
        )
        expect((await trx.selectFrom('messages').selectAll().execute()).length).toBe(4)
        throw new Error('the command failed after booking')
      }),
    ).rejects.toThrow('the command failed')
    expect(await outboxRows(core)).toEqual([])
    // A refused booking (a clash) queues nothing either.
    await book('2026-06-18 09:00')
    const clash = await call(
      core,
      'diary.book',
      {
        clientId: clinic.client.id,
        serviceId: clinic.massage.id,
        therapistId: clinic.sam.id,
        startsAt: at('2026-06-18 09:30'),
      },
      reception,
    )
    expect(clash.ok).toBe(false)
    expect((await outboxRows(core)).length).toBe(4)
  })

  it('cancels the reminder of a cancelled appointment, which then never goes', async () => {
    const a = await book('2026-06-18 09:00')
    await callOk(
      core,
      'diary.cancel',
      { id: a.id, by: 'client', reason: 'Away', scope: 'one' },
      reception,
    )
    const rows = await outboxRows(core)
    const reminders = rows.filter((r) => r.kind === 'reminder')
    expect(reminders.map((r) => [r.state, r.cancel_reason])).toEqual([
      ['cancelled', 'appointment cancelled'],
      ['cancelled', 'appointment cancelled'],
    ])
    expect(rows.filter((r) => r.kind === 'cancelled').map((r) => r.state)).toEqual([
      'queued',
      'queued',
    ])
    // Far past the reminder's time, the sender sends what is due: never the reminder.
    now = new Date(at('2026-06-17 12:00'))
    const channel = recorder()
    await senderWith(channel).drain()
    expect(channel.sent.map((m) => m.key.split(':')[0])).not.toContain('reminder')
    expect(channel.sent.filter((m) => m.key.startsWith('cancelled')).length).toBe(2)
  })

  it('rewrites the reminder for the new time when an appointment moves', async () => {
    const a = await book('2026-06-19 09:00')
    await callOk(
      core,
      'diary.move',
      { id: a.id, therapistId: clinic.sam.id, startsAt: at('2026-06-20 14:00') },
      reception,
    )
    const rows = await outboxRows(core)
    const live = rows.filter((r) => r.kind === 'reminder' && r.state === 'queued')
    expect(live.map((r) => r.due_at)).toEqual([at('2026-06-19 14:00'), at('2026-06-19 14:00')])
    expect(live[0]!.body).toContain('Saturday 20 June 2026 at 14:00')
    // The confirmation had not gone yet: it now says the new time, and no "moved" message is needed.
    const confirmation = rows.find((r) => r.kind === 'confirmation' && r.channel === 'sms')!
    expect(confirmation.body).toContain('Saturday 20 June 2026 at 14:00')
    expect(rows.some((r) => r.kind === 'moved')).toBe(false)
    // Once the confirmation has gone, a move sends a "moved" message.
    now = new Date(at('2026-06-17 09:00'))
    await senderWith(recorder()).drain()
    await callOk(
      core,
      'diary.move',
      { id: a.id, therapistId: clinic.sam.id, startsAt: at('2026-06-20 15:00') },
      reception,
    )
    const moved = (await outboxRows(core)).filter((r) => r.kind === 'moved')
    expect(moved.map((r) => r.state)).toEqual(['queued', 'queued'])
    expect(moved[1]!.body).toContain('Saturday 20 June 2026 at 15:00')
  })

  it('queues the reminder again, with the new due time, when an appointment moves back', async () => {
    const a = await book('2026-06-19 09:00')
    const move = (local: string) =>
      callOk(
        core,
        'diary.move',
        { id: a.id, therapistId: clinic.sam.id, startsAt: at(local) },
        reception,
      )
    await move('2026-06-20 14:00')
    // Later that morning the client moves it back: the first reminder's key comes round again.
    now = new Date(at('2026-06-17 10:15'))
    await move('2026-06-19 09:00')
    const reminders = (await outboxRows(core)).filter((r) => r.kind === 'reminder')
    const live = reminders.filter((r) => r.state === 'queued')
    expect(live.map((r) => [r.channel, r.due_at, r.attempts])).toEqual([
      ['email', at('2026-06-18 09:00'), 0],
      ['sms', at('2026-06-18 09:00'), 0],
    ])
    expect(live.every((r) => r.cancelled_at === null && r.cancel_reason === null)).toBe(true)
    expect(live.every((r) => r.queued_at === at('2026-06-17 10:15'))).toBe(true)
    expect(live[1]!.body).toContain('Friday 19 June 2026 at 09:00')
    // The Saturday reminders stay cancelled: one live reminder per channel, never two.
    expect(reminders.filter((r) => r.state === 'cancelled')).toHaveLength(2)
  })

  it('says when nothing can go out: inside quiet hours, and with both channels off', async () => {
    // 07:30 London in June: quiet hours (21:00–08:00) end at 08:00 BST.
    expect(await callOk(core, 'messages.status', {}, reception)).toMatchObject({
      sending: { email: true, sms: true },
      quietUntil: at('2026-06-17 08:00'),
    })
    now = new Date(at('2026-06-17 08:00'))
    expect(await callOk(core, 'messages.status', {}, reception)).toMatchObject({ quietUntil: null })
    const settings = await callOk(core, 'messages.settings', {}, owner)
    await callOk(
      core,
      'messages.saveSettings',
      {
        reminderHours: settings.reminderHours,
        quietStart: settings.quietStart,
        quietEnd: settings.quietEnd,
        recallWeeks: settings.recallWeeks,
        email: { ...settings.email, enabled: false },
        sms: { ...settings.sms, enabled: false },
      },
      owner,
    )
    expect(await callOk(core, 'messages.status', {}, reception)).toMatchObject({
      sending: { email: false, sms: false },
    })
  })

  it('never sends a reminder once its appointment has begun, and refuses to retry one', async () => {
    await book('2026-06-18 09:00')
    // Nothing was sent before the appointment (offline all day, say); then it is 09:30.
    now = new Date(at('2026-06-18 09:30'))
    const channel = recorder()
    await senderWith(channel).drain()
    expect(channel.sent).toEqual([])
    const rows = await outboxRows(core)
    expect(rows.map((r) => [r.kind, r.state, r.cancel_reason])).toEqual([
      ['confirmation', 'cancelled', 'appointment has passed'],
      ['confirmation', 'cancelled', 'appointment has passed'],
      ['reminder', 'cancelled', 'appointment has passed'],
      ['reminder', 'cancelled', 'appointment has passed'],
    ])
    // A reminder that failed earlier is not offered again after the event.
    await core.db
      .updateTable('messages')
      .set({ state: 'failed', failed_at: now.toISOString() })
      .where('id', '=', rows[2]!.id)
      .execute()
    const r = await core.router.call('messages.retry', { id: rows[2]!.id }, reception)
    expect(r).toMatchObject({ ok: false, error: { code: 'rule_broken' } })
    expect(!r.ok && r.error.message).toContain('already begun')
  })

  it('keeps a 09:00 reminder at 09:00 local across the clocks changing', async () => {
    await callOk(
      core,
      'messages.saveSettings',
      { ...(await settingsInput()), reminderHours: 48 },
      owner,
    )
    now = new Date(at('2026-03-20 12:00'))
    // Clocks go forward on Sunday 29 March 2026: Monday 30 March 09:00 BST = 08:00 UTC.
    await book('2026-03-30 09:00')
    const spring = (await outboxRows(core)).find((r) => r.kind === 'reminder')!
    // 48 hours before on the clinic's clock: Saturday 28 March 09:00 GMT = 09:00 UTC
    // (49 elapsed hours; elapsed arithmetic would have said 08:00 local).
    expect(spring.due_at).toBe('2026-03-28T09:00:00.000Z')
    now = new Date(at('2026-10-20 12:00'))
    // Clocks go back on Sunday 25 October 2026: Monday 26 October 09:00 GMT.
    await book('2026-10-26 09:00')
    const autumn = (await outboxRows(core)).filter((r) => r.kind === 'reminder').at(-1)!
    expect(autumn.due_at).toBe('2026-10-24T08:00:00.000Z') // Saturday 09:00 BST
  })

  it('never sends in quiet hours, and keeps a reminder on the day before', async () => {
    now = new Date(at('2026-06-17 22:30'))
    await book('2026-06-19 07:00')
    const rows = await outboxRows(core)
    expect(rows.find((r) => r.kind === 'confirmation')!.due_at).toBe(at('2026-06-18 08:00'))
    // 24 h before 07:00 is 07:00 the day before, in quiet hours: it waits for 08:00 that day.
    expect(rows.find((r) => r.kind === 'reminder')!.due_at).toBe(at('2026-06-18 08:00'))
    // With 12 h, 09:00 → 21:00 the evening before (quiet); waiting for 08:00 would be the day
    // itself, so it goes at 20:45 instead.
    await callOk(
      core,
      'messages.saveSettings',
      { ...(await settingsInput()), reminderHours: 12 },
      owner,
    )
    await book('2026-06-20 09:00')
    const late = (await outboxRows(core)).filter((r) => r.kind === 'reminder').at(-1)!
    expect(late.due_at).toBe(at('2026-06-19 20:45'))
    // And the sender, asked at 23:00, sends nothing that is not due.
    const channel = recorder()
    await senderWith(channel).drain()
    expect(channel.sent).toEqual([])
  })

  it("follows the client's channel, and sends recall only with marketing consent", async () => {
    await callOk(
      core,
      'messages.setClientPreferences',
      { clientId: clinic.client.id, channel: 'sms', marketingOptOut: false },
      reception,
    )
    await book('2026-06-18 10:00')
    expect(new Set((await outboxRows(core)).map((r) => r.channel))).toEqual(new Set(['sms']))
    await callOk(
      core,
      'messages.setClientPreferences',
      { clientId: clinic.client.id, channel: 'none', marketingOptOut: false },
      reception,
    )
    await book('2026-06-18 12:00')
    expect((await outboxRows(core)).length).toBe(2)
  })

  it('sends recall only to clients with marketing consent, and honours an opt-out', async () => {
    await callOk(
      core,
      'messages.saveSettings',
      { ...(await settingsInput()), recallWeeks: 6 },
      owner,
    )
    const consenting = await callOk(
      core,
      'clients.create',
      {
        firstName: 'Ola',
        lastName: 'Białek',
        email: 'ola@example.com',
        mobile: '07700 900456',
        marketingEmail: true,
      },
      owner,
    )
    for (const clientId of [clinic.client.id, consenting.id]) {
      const a = await callOk(
        core,
        'diary.book',
        {
          clientId,
          serviceId: clinic.massage.id,
          therapistId: clinic.sam.id,
          startsAt: at(clientId === consenting.id ? '2026-06-17 10:00' : '2026-06-17 12:00'),
        },
        reception,
      )
      now = new Date(at('2026-06-17 13:30'))
      await callOk(core, 'diary.setStatus', { id: a.id, status: 'completed' }, reception)
      now = new Date(at('2026-06-17 07:30'))
    }
    now = new Date(at('2026-08-10 10:00'))
    const before = (await outboxRows(core)).length
    expect(await core.db.transaction().execute((trx) => queueRecalls(trx, now))).toBe(1)
    const recalls = (await outboxRows(core)).slice(before)
    expect(recalls.map((r) => [r.kind, r.channel, r.client_id])).toEqual([
      ['recall', 'email', consenting.id],
    ])
    // Asked again: the same last visit is not recalled twice.
    await core.db.transaction().execute((trx) => queueRecalls(trx, now))
    expect((await outboxRows(core)).length).toBe(before + 1)
    // She opts out: the queued recall is cancelled, and none is queued again.
    await callOk(
      core,
      'messages.setClientPreferences',
      { clientId: consenting.id, channel: 'both', marketingOptOut: true },
      reception,
    )
    const after = await outboxRows(core)
    expect(after.at(-1)!.state).toBe('cancelled')
    await core.db.deleteFrom('messages').where('kind', '=', 'recall').execute()
    expect(await core.db.transaction().execute((trx) => queueRecalls(trx, now))).toBe(0)
  })

  it('keeps health details out of messages and the audit, and the SMTP password out of the file in clear', async () => {
    await callOk(
      core,
      'clients.addAlert',
      { clientId: clinic.client.id, severity: 'contraindication', text: 'DVT risk: on warfarin' },
      owner,
    )
    await book('2026-06-18 09:00')
    now = new Date(at('2026-06-17 10:00'))
    await senderWith(recorder()).drain()
    const rows = await outboxRows(core)
    for (const r of rows) expect(`${r.subject} ${r.body}`).not.toMatch(/DVT|warfarin/)
    const audit = await core.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'message.sent')
      .execute()
    expect(audit.map((a) => a.summary).sort()).toEqual([
      'Booking confirmation sent by SMS',
      'Booking confirmation sent by e-mail',
      'Reminder sent by SMS',
      'Reminder sent by e-mail',
    ])
    const settings = await core.db
      .selectFrom('message_settings')
      .selectAll()
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(settings)).not.toContain('smtp-secret-1234')
    expect(secretBoxFor(core.key).open(settings.smtp_password_sealed!)).toBe('smtp-secret-1234')
    const shown = await callOk(core, 'messages.settings', {}, owner)
    expect(JSON.stringify(shown)).not.toContain('smtp-secret')
    expect(shown.email.passwordSet).toBe(true)
  })
})

async function settingsInput() {
  const s = await callOk(core, 'messages.settings', {}, owner)
  return {
    ...s,
    email: { ...s.email, password: '' },
    sms: { ...s.sms, token: '' },
  }
}
