import type { Faker } from '@faker-js/faker'
import type { PlinthCore } from '../app-core'
import type { Session } from '../rpc/context'
import { queueMessagesFor } from '../services/messages/queue'

const DAY = 86_400_000

/**
 * Messages for the demo clinic (issue 16): e-mail and SMS set up, and the fortnight's
 * appointments with the confirmations and reminders they would have caused, queued by the
 * real queue (as if booked five days ahead). What was due before now is marked sent, a few
 * failed with a gateway's reason; what is due later stays queued.
 */
export async function seedDemoMessages(core: PlinthCore, owner: Session, faker: Faker) {
  const town = faker.location.city().toLowerCase().replace(/[^a-z]+/g, '')
  const saved = await core.router.call(
    'messages.saveSettings',
    {
      reminderHours: 24,
      quietStart: '21:00',
      quietEnd: '08:00',
      recallWeeks: 8,
      email: {
        enabled: true,
        host: `smtp.${town}.example`,
        port: 587,
        security: 'starttls',
        user: `bookings@${town}.example`,
        password: faker.internet.password({ length: 16 }),
        caPem: '',
        fromName: 'Reception',
        fromAddress: `bookings@${town}.example`,
      },
      sms: {
        enabled: true,
        baseUrl: 'https://api.thesmsworks.co.uk/v1',
        token: `JWT ${faker.string.alphanumeric(40)}`,
        sender: 'Clinic',
        pencePerSegment: 4,
      },
    },
    owner,
  )
  if (!saved.ok) throw new Error(`Seeding messages.saveSettings failed: ${saved.error.message}`)
  const now = core.now()
  // The 60 appointments either side of now: a history that went, and a queue still to go.
  const around = (after: boolean) =>
    core.db
      .selectFrom('appointments')
      .select(['id', 'starts_at'])
      .where('starts_at', after ? '>=' : '<', now.toISOString())
      .where('status', '!=', 'cancelled')
      .orderBy('starts_at', after ? 'asc' : 'desc')
      .limit(60)
      .execute()
  const appointments = [...(await around(false)), ...(await around(true))]
  await core.db.transaction().execute(async (trx) => {
    for (const a of appointments) {
      const bookedAt = new Date(Date.parse(a.starts_at) - 5 * DAY)
      await queueMessagesFor(trx, { appointmentId: a.id, action: 'booked' }, bookedAt)
    }
    const due = await trx
      .selectFrom('messages')
      .select(['id', 'channel', 'due_at'])
      .where('due_at', '<', now.toISOString())
      .execute()
    for (const [i, m] of due.entries()) {
      const failed = i % 23 === 7
      const sentAt = new Date(Date.parse(m.due_at) + 40_000).toISOString()
      await trx
        .updateTable('messages')
        .set(
          failed
            ? {
                state: 'failed',
                attempts: m.channel === 'email' ? 1 : 8,
                failed_at: sentAt,
                last_error:
                  m.channel === 'email'
                    ? 'The mail server refused it: 550 5.1.1 Mailbox unavailable'
                    : 'The SMS gateway refused it: Invalid destination',
              }
            : {
                state: 'sent',
                attempts: 1,
                sending_at: sentAt,
                sent_at: sentAt,
                gateway_id: `demo-${m.id}`,
                delivery: m.channel === 'sms' ? 'Delivered' : null,
              },
        )
        .where('id', '=', m.id)
        .execute()
    }
  })
}
