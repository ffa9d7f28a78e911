import type { MessageChannel } from '../../db/schema'
import type { Channel } from './channels/channel'
import { emailChannel } from './channels/email'
import { smsWorksChannel } from './channels/sms-the-sms-works'
import type { MessageSettingsRow } from './message-settings'
import type { SecretBox } from './secret-box'

/** The channels the settings make: e-mail if set up and on, SMS likewise; else absent. */
export type ChannelSet = Partial<Record<MessageChannel, Channel>>

export function channelsFromSettings(row: MessageSettingsRow, box: SecretBox): ChannelSet {
  const set: ChannelSet = {}
  if (row.email_enabled && row.smtp_host && row.from_address) {
    set.email = emailChannel({
      host: row.smtp_host,
      port: row.smtp_port,
      security: row.smtp_security,
      user: row.smtp_user,
      password: row.smtp_password_sealed ? box.open(row.smtp_password_sealed) : null,
      caPem: row.smtp_ca_pem,
      fromName: row.from_name,
      fromAddress: row.from_address,
    })
  }
  if (row.sms_enabled && row.sms_token_sealed && row.sms_sender) {
    const token = box.open(row.sms_token_sealed)
    if (token)
      set.sms = smsWorksChannel({ baseUrl: row.sms_base_url, token, sender: row.sms_sender })
  }
  return set
}
