import type { Kysely } from 'kysely'
import type { MessageSettings } from '../../../shared/contract/messages'
import type { MessageSettingsInput } from '../../../shared/contract/messages'
import type { DB, MessageSettingsTable } from '../../db/schema'
import { toMinutes, toTime } from '../diary/clinic-clock'
import { sendableFrom, type QuietHours } from './timing'
import { clinicTimeZone } from '../settings'
import type { SecretBox } from './secret-box'

/** The settings row as the sender and the queue read it (secrets still sealed). */
export type MessageSettingsRow = MessageSettingsTable

// Read for every booking (queueMessagesFor): one indexed row, ~10 µs.
export async function messageSettingsRow(db: Kysely<DB>): Promise<MessageSettingsRow> {
  return db.selectFrom('message_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
}

export const quietOf = (row: MessageSettingsRow): QuietHours => ({
  start: row.quiet_start,
  end: row.quiet_end,
})

/**
 * Whether anything can go out now, for the Messages screen: each channel switched on or not,
 * and, inside quiet hours, the instant (ISO) they end on the clinic's clock. A user trial found
 * "Send now" silently re-queued with both channels off or at 22:16.
 */
export async function sendingState(
  db: Kysely<DB>,
  now: Date,
): Promise<{ sending: { email: boolean; sms: boolean }; quietUntil: string | null }> {
  const row = await messageSettingsRow(db)
  const from = sendableFrom(now.getTime(), quietOf(row), await clinicTimeZone(db))
  return {
    sending: { email: row.email_enabled === 1, sms: row.sms_enabled === 1 },
    quietUntil: from > now.getTime() ? new Date(from).toISOString() : null,
  }
}

export function toMessageSettings(row: MessageSettingsRow): MessageSettings {
  return {
    reminderHours: row.reminder_hours,
    quietStart: toTime(row.quiet_start),
    quietEnd: toTime(row.quiet_end),
    recallWeeks: row.recall_weeks,
    email: {
      enabled: row.email_enabled === 1,
      host: row.smtp_host,
      port: row.smtp_port,
      security: row.smtp_security,
      user: row.smtp_user,
      passwordSet: row.smtp_password_sealed !== null,
      caPem: row.smtp_ca_pem,
      fromName: row.from_name,
      fromAddress: row.from_address,
    },
    sms: {
      enabled: row.sms_enabled === 1,
      baseUrl: row.sms_base_url,
      tokenSet: row.sms_token_sealed !== null,
      sender: row.sms_sender,
      pencePerSegment: row.sms_pence_per_segment,
    },
    updatedAt: row.updated_at,
  }
}

/**
 * Saves the settings; a password or token given is sealed (secret-box.ts) before it is
 * written, an empty or missing one keeps the stored secret. Returns the labels changed, for
 * the audit (never a secret's value).
 */
export async function saveMessageSettings(
  db: Kysely<DB>,
  input: MessageSettingsInput,
  box: SecretBox,
  now: Date,
): Promise<{ settings: MessageSettings; changed: string[] }> {
  const before = await messageSettingsRow(db)
  const password = input.email.password ? box.seal(input.email.password) : undefined
  const token = input.sms.token ? box.seal(input.sms.token) : undefined
  const next = {
    reminder_hours: input.reminderHours,
    quiet_start: toMinutes(input.quietStart),
    quiet_end: toMinutes(input.quietEnd),
    recall_weeks: input.recallWeeks,
    email_enabled: input.email.enabled ? 1 : 0,
    smtp_host: input.email.host ?? '',
    smtp_port: input.email.port,
    smtp_security: input.email.security,
    smtp_user: input.email.user ?? '',
    smtp_ca_pem: input.email.caPem ?? '',
    from_name: input.email.fromName ?? '',
    from_address: input.email.fromAddress ?? '',
    sms_enabled: input.sms.enabled ? 1 : 0,
    sms_base_url: input.sms.baseUrl,
    sms_sender: input.sms.sender ?? '',
    sms_pence_per_segment: input.sms.pencePerSegment,
  }
  const changed = (Object.keys(next) as (keyof typeof next)[])
    .filter((k) => before[k] !== next[k])
    .map((k) => k.replace(/_/g, ' '))
  if (password) changed.push('smtp password')
  if (token) changed.push('sms token')
  await db
    .updateTable('message_settings')
    .set({
      ...next,
      ...(password ? { smtp_password_sealed: password } : {}),
      ...(token ? { sms_token_sealed: token } : {}),
      updated_at: now.toISOString(),
    })
    .where('id', '=', 1)
    .execute()
  return { settings: toMessageSettings(await messageSettingsRow(db)), changed }
}
