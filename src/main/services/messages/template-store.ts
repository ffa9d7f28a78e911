import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import {
  DEFAULT_TEMPLATES,
  type Channel,
  type TemplateKind,
  type TemplateText,
} from '../../../shared/messages/templates'
import type { MessageTemplate } from '../../../shared/contract/messages'

/** The owner's template for a kind and channel, or the default when none was saved. */
export async function templateFor(
  db: Kysely<DB>,
  kind: TemplateKind,
  channel: Channel,
): Promise<TemplateText> {
  const row = await db
    .selectFrom('message_templates')
    .select(['subject', 'body'])
    .where('kind', '=', kind)
    .where('channel', '=', channel)
    .executeTakeFirst()
  return row ?? DEFAULT_TEMPLATES[kind][channel]
}

export async function listTemplates(db: Kysely<DB>): Promise<MessageTemplate[]> {
  const rows = await db.selectFrom('message_templates').selectAll().execute()
  const saved = new Map(rows.map((r) => [`${r.kind}:${r.channel}`, r]))
  return (Object.keys(DEFAULT_TEMPLATES) as TemplateKind[]).flatMap((kind) =>
    (['email', 'sms'] as const).map((channel) => {
      const row = saved.get(`${kind}:${channel}`)
      const text = row ?? DEFAULT_TEMPLATES[kind][channel]
      return { kind, channel, subject: text.subject, body: text.body, edited: !!row }
    }),
  )
}

/** Saves a template already checked by the contract (templateProblems). */
export async function saveTemplate(
  db: Kysely<DB>,
  v: { kind: TemplateKind; channel: Channel; subject: string; body: string },
  now: Date,
): Promise<MessageTemplate> {
  const subject = v.channel === 'sms' ? '' : v.subject
  await db
    .insertInto('message_templates')
    .values({ ...v, subject, updated_at: now.toISOString() })
    .onConflict((oc) =>
      oc.columns(['kind', 'channel']).doUpdateSet({
        subject,
        body: v.body,
        updated_at: now.toISOString(),
      }),
    )
    .execute()
  return { ...v, subject, edited: true }
}

export async function resetTemplate(
  db: Kysely<DB>,
  kind: TemplateKind,
  channel: Channel,
): Promise<MessageTemplate> {
  await db
    .deleteFrom('message_templates')
    .where('kind', '=', kind)
    .where('channel', '=', channel)
    .execute()
  return { kind, channel, ...DEFAULT_TEMPLATES[kind][channel], edited: false }
}
