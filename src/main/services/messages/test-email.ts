import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { emailChannel } from './channels/email'
import { messageSettingsRow } from './message-settings'
import type { SecretBox } from './secret-box'

/**
 * Sends one short e-mail with the stored SMTP settings, straight away (not through the
 * outbox), and says in words what happened: the owner's check that the settings work.
 */
export async function sendTestEmail(
  db: Kysely<DB>,
  box: SecretBox,
  to: string,
): Promise<{ ok: boolean; message: string }> {
  const row = await messageSettingsRow(db)
  if (!row.smtp_host || !row.from_address) {
    return { ok: false, message: 'Save the mail server and the From address first.' }
  }
  const password = row.smtp_password_sealed ? box.open(row.smtp_password_sealed) : null
  if (row.smtp_password_sealed && password === null) {
    return {
      ok: false,
      message: 'The stored password cannot be read on this clinic file: enter it again.',
    }
  }
  const clinic = await db
    .selectFrom('clinic_settings')
    .select('clinic_name')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  const channel = emailChannel({
    host: row.smtp_host,
    port: row.smtp_port,
    security: row.smtp_security,
    user: row.smtp_user,
    password,
    caPem: row.smtp_ca_pem,
    fromName: row.from_name,
    fromAddress: row.from_address,
  })
  try {
    const result = await channel.send({
      key: `test:${Date.now()}`,
      to,
      subject: `Test e-mail from ${clinic.clinic_name}`,
      body: `This is a test e-mail from Plinth at ${clinic.clinic_name}. If you can read it, the clinic's e-mail settings work.`,
      ics: null,
    })
    return result.ok
      ? { ok: true, message: `Sent a test e-mail to ${to}.` }
      : { ok: false, message: result.reason }
  } finally {
    channel.close()
  }
}
