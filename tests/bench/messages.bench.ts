import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openCore } from '../../src/main/app-core'
import { newDatabaseKey } from '../../src/main/db/cipher'
import { silentLogger } from '../../src/main/log'
import type { Session } from '../../src/main/rpc/context'
import { messageSettingsRow } from '../../src/main/services/messages/message-settings'
import { enqueue, queueMessagesFor } from '../../src/main/services/messages/queue'
import { zonedToUtc, addDays } from '../../src/main/services/diary/clinic-clock'
import { MESSAGE_SETTINGS } from '../fixtures/messages'
import { startSmsWorksServer } from '../fixtures/sms-works-server'
import { startSmtpServer } from '../fixtures/smtp-test-server'
import { measure, type Figure } from './measure'

const owner: Session = { userId: 0, username: 'bench', displayName: 'Bench', role: 'owner' }
const APPOINTMENTS = 600
const EMAILS = 1000

/**
 * Issue 16's budgets: queuing a booking's messages (confirmation + reminder on e-mail and SMS)
 * adds < 1 ms p95 to the booking's transaction; the sender drains 1,000 queued e-mails to a
 * loopback SMTP server (STARTTLS, AUTH) in < 60 s.
 */
export async function benchMessages(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-messages-'))
  const smtp = await startSmtpServer()
  const sms = await startSmsWorksServer()
  const core = await openCore({
    file: join(dir, 'clinic.sqlite'),
    key: newDatabaseKey(),
    log: silentLogger,
    sendMessages: false,
  })
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await core.router.call(method, input, owner)
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
    return r.value as T
  }
  try {
    const every = [1, 2, 3, 4, 5, 6, 7]
    const hours = await call<Record<string, unknown>>('clinicHours.get', {})
    await call('clinicHours.update', {
      ...hours,
      opening: every.map((weekday) => ({ weekday, opens: '07:00', closes: '21:00' })),
    })
    const service = await call<{ id: number }>('services.create', {
      name: 'Sports massage 30 min',
      durationMinutes: 30,
      pricePence: 4000,
      bufferAfterMinutes: 0,
      colour: '#2563eb',
      needsRoom: false,
      active: true,
    })
    const therapist = await call<{ id: number }>('therapists.create', {
      name: 'Sam',
      colour: '#0e6b63',
      serviceIds: [service.id],
      hours: every.map((weekday) => ({ weekday, starts: '07:00', ends: '21:00' })),
      breaks: [],
    })
    const client = await call<{ id: number }>('clients.create', {
      firstName: 'Priya',
      lastName: 'Shah',
      mobile: '07700 900123',
      email: 'priya@example.com',
    })
    const today = new Date().toISOString().slice(0, 10)
    const slot = (i: number) =>
      new Date(
        zonedToUtc(addDays(today, 2 + Math.floor(i / 28)), 7 * 60 + (i % 28) * 30, 'Europe/London'),
      ).toISOString()
    // measure() warms up with the same indices it then times: count slots apart.
    let next = 0
    const book = () =>
      call('diary.book', {
        clientId: client.id,
        serviceId: service.id,
        therapistId: therapist.id,
        startsAt: slot(next++),
      })
    // Messaging off: the booking as it was; then on, for the queue's own cost.
    const off = await measure('book, messaging off', 250, () => book())
    await call('messages.saveSettings', {
      ...MESSAGE_SETTINGS,
      email: {
        ...MESSAGE_SETTINGS.email,
        port: smtp.port,
        caPem: smtp.certPem,
        password: smtp.password,
      },
      sms: { ...MESSAGE_SETTINGS.sms, baseUrl: sms.baseUrl, token: sms.token },
    })
    const on = await measure('book, messaging on (4 messages queued)', 250, () => book())
    const ids = (
      await core.db
        .selectFrom('appointments')
        .select('id')
        .orderBy('id')
        .limit(APPOINTMENTS)
        .execute()
    ).map((a) => a.id)
    await core.db.deleteFrom('messages').execute()
    const now = new Date()
    // The queue's own time inside a booking's transaction: what it adds to the command.
    let queued!: Figure
    let n = 0
    await core.db.transaction().execute(async (trx) => {
      queued = await measure(
        'queueMessagesFor on a booking (budget < 1 ms)',
        400,
        () => queueMessagesFor(trx, { appointmentId: ids[n++]!, action: 'booked' }, now),
        1,
      )
    })

    await core.db.deleteFrom('messages').execute()
    const settings = await messageSettingsRow(core.db)
    await core.db.transaction().execute(async (trx) => {
      for (let i = 0; i < EMAILS; i++) {
        await enqueue(
          trx,
          {
            key: `bench:${i}`,
            kind: 'reminder',
            channel: 'email',
            to: `client${i}@example.com`,
            clientId: client.id,
            appointmentId: null,
            subject: `Reminder ${i}`,
            body: `Hello, a reminder of your appointment. ${'Text '.repeat(40)}`,
            withIcs: false,
            dueAt: now.getTime(),
          },
          settings,
          now,
        )
      }
    })
    const started = performance.now()
    await core.messages.drain()
    const drainMs = performance.now() - started
    const sent = await core.db
      .selectFrom('messages')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('state', '=', 'sent')
      .executeTakeFirstOrThrow()
    if (Number(sent.n) !== EMAILS || smtp.received.length !== EMAILS) {
      throw new Error(`drained ${sent.n} of ${EMAILS} (${smtp.received.length} at the server)`)
    }
    console.log(
      `messages: 1,000 e-mails drained in ${(drainMs / 1000).toFixed(1)} s (${(EMAILS / (drainMs / 1000)).toFixed(0)}/s)`,
    )
    return [
      off,
      on,
      queued,
      {
        name: 'drain 1,000 e-mails to loopback SMTP (budget < 60 s)',
        runs: 1,
        medianMs: drainMs,
        p95Ms: drainMs,
        budgetMs: 60_000,
      },
    ]
  } finally {
    await core.close()
    await smtp.close()
    await sms.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
