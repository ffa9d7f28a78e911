import { KIND_LABELS } from '../../../shared/messages/templates'
import {
  messageSettingsRow,
  saveMessageSettings,
  toMessageSettings,
} from '../../services/messages/message-settings'
import {
  clientMessages,
  outboxCounts,
  outboxView,
  retryMessage,
  sendNow,
  skipMessage,
} from '../../services/messages/outbox'
import { listTemplates, resetTemplate, saveTemplate } from '../../services/messages/template-store'
import {
  assertMayReadHistory,
  clientPreferences,
  setClientPreferences,
} from '../../services/messages/client-preferences'
import { listAftercare, saveAftercare } from '../../services/messages/aftercare'
import type { HandlersOf } from './types'

const channelWord = (c: 'email' | 'sms') => (c === 'email' ? 'e-mail' : 'SMS')

// Thin: the rules are in services/messages. Audit summaries name kinds and channels, never a
// message's text or a secret.
export const messagesHandlers: HandlersOf<'messages.'> = {
  'messages.settings': async ({ db }) => toMessageSettings(await messageSettingsRow(db)),
  'messages.saveSettings': async ({ db, now, audit, core, afterCommit }, input) => {
    const { settings, changed } = await saveMessageSettings(db, input, core.messages.box, now)
    if (changed.length > 0) {
      await audit({
        action: 'messages.settings',
        entityType: 'message_settings',
        entityId: 1,
        summary: `Changed ${changed.join(', ')}`,
      })
    }
    afterCommit(() => core.messages.nudge())
    return settings
  },
  'messages.sendTestEmail': async ({ db, audit, core }, { to }) => {
    const result = await core.messages.sendTestEmail(db, to)
    await audit({
      action: 'messages.test-email',
      entityType: 'message_settings',
      entityId: 1,
      summary: result.ok ? 'Sent a test e-mail' : 'A test e-mail failed',
    })
    return result
  },
  'messages.templates': async ({ db }) => ({
    templates: await listTemplates(db),
    aftercare: await listAftercare(db),
    pencePerSegment: (await messageSettingsRow(db)).sms_pence_per_segment,
  }),
  'messages.saveTemplate': async ({ db, now, audit }, input) => {
    const saved = await saveTemplate(db, input, now)
    await audit({
      action: 'messages.template',
      entityType: 'message_template',
      entityId: `${input.kind}:${input.channel}`,
      summary: `Changed the ${KIND_LABELS[input.kind].toLowerCase()} ${channelWord(input.channel)} template`,
    })
    return saved
  },
  'messages.resetTemplate': async ({ db, audit }, input) => {
    const reset = await resetTemplate(db, input.kind, input.channel)
    await audit({
      action: 'messages.template',
      entityType: 'message_template',
      entityId: `${input.kind}:${input.channel}`,
      summary: `Put back the default ${KIND_LABELS[input.kind].toLowerCase()} ${channelWord(input.channel)} template`,
    })
    return reset
  },
  'messages.saveAftercare': async ({ db, audit }, input) => {
    const saved = await saveAftercare(db, input.serviceId, input.days)
    await audit({
      action: 'messages.aftercare',
      entityType: 'service',
      entityId: input.serviceId,
      summary:
        input.days === null
          ? 'Turned off the aftercare follow-up'
          : `Aftercare follow-up ${input.days} days after`,
    })
    return saved
  },
  'messages.outbox': ({ db, now }, { view }) => outboxView(db, view, now),
  'messages.status': async ({ db, now, core }) => {
    const counts = await outboxCounts(db, now)
    const live = core.messages.status()
    return { ...counts, offline: live.offline === true, lastProblem: live.lastProblem }
  },
  'messages.sendNow': async ({ db, now, audit, core, afterCommit }, { id }) => {
    const row = await sendNow(db, id, now)
    await audit({
      action: 'messages.send-now',
      entityType: 'message',
      entityId: id,
      summary: `Sent now: ${KIND_LABELS[row.kind].toLowerCase()} by ${channelWord(row.channel)}`,
    })
    afterCommit(() => core.messages.nudge())
    return row
  },
  'messages.skip': async ({ db, now, audit }, { id }) => {
    const row = await skipMessage(db, id, now)
    await audit({
      action: 'messages.skip',
      entityType: 'message',
      entityId: id,
      summary: `Skipped: ${KIND_LABELS[row.kind].toLowerCase()} by ${channelWord(row.channel)}`,
    })
    return row
  },
  'messages.retry': async ({ db, now, audit, core, afterCommit }, { id }) => {
    const row = await retryMessage(db, id, now)
    await audit({
      action: 'messages.retry',
      entityType: 'message',
      entityId: id,
      summary: `Retried: ${KIND_LABELS[row.kind].toLowerCase()} by ${channelWord(row.channel)}`,
    })
    afterCommit(() => core.messages.nudge())
    return row
  },
  'messages.clientHistory': async ({ db, session }, { clientId }) => {
    await assertMayReadHistory(db, session, clientId)
    return {
      ...(await clientPreferences(db, clientId)),
      messages: await clientMessages(db, clientId),
    }
  },
  'messages.setClientPreferences': async ({ db, now, audit }, input) => {
    const saved = await setClientPreferences(db, input, now)
    await audit({
      action: 'messages.client-preferences',
      entityType: 'client',
      entityId: input.clientId,
      summary: `Messages by ${input.channel}${input.marketingOptOut ? ', opted out of marketing' : ''}`,
    })
    return saved
  },
}
