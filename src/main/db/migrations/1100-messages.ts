import { sql, type Kysely } from 'kysely'

/**
 * Issue 16: confirmations and reminders from an outbox in the clinic file.
 * - `messages`: the outbox. A row is written in the same transaction as the change that
 *   causes it; `idem_key` is unique, so one cause queues one message however often it is
 *   replayed, and it is the key the sender gives a gateway that supports one. The times of
 *   each state are kept (queued_at, sending_at, sent_at, failed_at, cancelled_at).
 * - `message_settings` (one row): timing, quiet hours, SMTP and SMS gateway settings. Secrets
 *   (SMTP password, gateway token) are stored sealed (AES-256-GCM under a key derived from
 *   the clinic's data key), never in clear.
 * - `message_templates`: the owner's text per kind and channel.
 * - `message_aftercare`: per service, the aftercare follow-up N days after (optional).
 * - clients: the preferred channel and a marketing opt-out time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('idem_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('confirmation','reminder','moved','cancelled','dna','aftercare','recall','test')`,
        ),
    )
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email','sms')`))
    .addColumn('client_id', 'integer', (c) => c.references('clients.id'))
    .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('with_ics', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('segments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_pence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`state in ('queued','sending','sent','failed','cancelled')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('gateway_id', 'text')
    .addColumn('delivery', 'text')
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('sending_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('failed_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    .execute()
  // The sender's one question: what is queued and due, in order.
  await db.schema
    .createIndex('messages_due')
    .on('messages')
    .columns(['state', 'next_attempt_at'])
    .execute()
  await db.schema
    .createIndex('messages_appointment')
    .on('messages')
    .column('appointment_id')
    .execute()
  await db.schema
    .createIndex('messages_client')
    .on('messages')
    .columns(['client_id', 'queued_at'])
    .execute()

  await db.schema
    .createTable('message_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('reminder_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('quiet_start', 'integer', (c) => c.notNull().defaultTo(21 * 60))
    .addColumn('quiet_end', 'integer', (c) => c.notNull().defaultTo(8 * 60))
    .addColumn('recall_weeks', 'integer')
    .addColumn('email_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('smtp_host', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('smtp_port', 'integer', (c) => c.notNull().defaultTo(587))
    .addColumn('smtp_security', 'text', (c) => c.notNull().defaultTo('starttls'))
    .addColumn('smtp_user', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('smtp_password_sealed', 'text')
    .addColumn('smtp_ca_pem', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('from_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('from_address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sms_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sms_base_url', 'text', (c) =>
      c.notNull().defaultTo('https://api.thesmsworks.co.uk/v1'),
    )
    .addColumn('sms_token_sealed', 'text')
    .addColumn('sms_sender', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sms_pence_per_segment', 'integer', (c) => c.notNull().defaultTo(4))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db
    .insertInto('message_settings')
    .values({ id: 1, updated_at: new Date(0).toISOString() })
    .execute()

  await db.schema
    .createTable('message_templates')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_templates_pk', ['kind', 'channel'])
    .execute()

  await db.schema
    .createTable('message_aftercare')
    .addColumn('service_id', 'integer', (c) => c.primaryKey().references('services.id'))
    .addColumn('days', 'integer', (c) => c.notNull().check(sql`days between 1 and 60`))
    .execute()

  await db.schema
    .alterTable('clients')
    .addColumn('message_channel', 'text', (c) =>
      c
        .notNull()
        .defaultTo('both')
        .check(sql`message_channel in ('email','sms','both','none')`),
    )
    .execute()
  await db.schema.alterTable('clients').addColumn('marketing_opt_out_at', 'text').execute()
}
