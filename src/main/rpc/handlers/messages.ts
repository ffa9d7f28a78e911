import { KIND_LABELS } from '../../../shared/messages/templates'
import type { OutboxRow } from '../../../shared/contract/messages'
import {
  messageSettingsRow,
  saveMessageSettings,
  sendingState,
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
import { audited } from './audited'
import type { HandlersOf } from './types'

const channelWord = (c: 'email' | 'sms') => (c === 'email' ? 'e-mail' : 'SMS')
const about = (verb: string, row: OutboxRow) => ({
  value: row,
  audit: {
    entityType: 'message',
    entityId: row.id,
    summary: `${verb}: ${KIND_LABELS[row.kind].toLowerCase()} by ${channelWord(row.channel)}`,
  },
})

// Thin: the rules are in services/messages. Audit summaries name kinds and channels, never a
// message's text or a secret.
export const messagesHandlers: HandlersOf<'messages.'> = {
  'messages.settings': async ({ db }) => toMessageSettings(await messageSettingsRow(db)),
  'messages.saveSettings': audited(async ({ db, now, core, afterCommit }, input) => {
    const { settings, changed } = await saveMessageSettings(db, input, core.messages.box, now)
    afterCommit(() => core.messages.nudge())
    return {
      value: settings,
      audit: changed.length > 0 && {
        entityType: 'message_settings',
        entityId: 1,
        summary: `Changed ${changed.join(', ')}`,
      },
    }
  }),
  'messages.sendTestEmail': audited(async ({ db, core }, { to }) => {
    const result = await core.messages.sendTestEmail(db, to)
    return {
      value: result,
      audit: {
        entityType: 'message_settings',
        entityId: 1,
        summary: result.ok ? 'Sent a test e-mail' : 'A test e-mail failed',
      },
    }
  }),
  'messages.templates': async ({ db }) => ({
    templates: await listTemplates(db),
    aftercare: await listAftercare(db),
    pencePerSegment: (await messageSettingsRow(db)).sms_pence_per_segment,
  }),
  'messages.saveTemplate': audited(async ({ db, now }, input) => ({
    value: await saveTemplate(db, input, now),
    audit: {
      entityType: 'message_template',
      entityId: `${input.kind}:${input.channel}`,
      summary: `Changed the ${KIND_LABELS[input.kind].toLowerCase()} ${channelWord(input.channel)} template`,
    },
  })),
  'messages.resetTemplate': audited(async ({ db }, input) => ({
    value: await resetTemplate(db, input.kind, input.channel),
    audit: {
      entityType: 'message_template',
      entityId: `${input.kind}:${input.channel}`,
      summary: `Put back the default ${KIND_LABELS[input.kind].toLowerCase()} ${channelWord(input.channel)} template`,
    },
  })),
  'messages.saveAftercare': audited(async ({ db }, input) => ({
    value: await saveAftercare(db, input.serviceId, input.days),
    audit: {
      entityType: 'service',
      entityId: input.serviceId,
      summary:
        input.days === null
          ? 'Turned off the aftercare follow-up'
          : `Aftercare follow-up ${input.days} days after`,
    },
  })),
  'messages.outbox': ({ db, now }, { view }) => outboxView(db, view, now),
  'messages.status': async ({ db, now, core }) => {
    const counts = await outboxCounts(db, now)
    const live = core.messages.status()
    return {
      ...counts,
      offline: live.offline === true,
      lastProblem: live.lastProblem,
      ...(await sendingState(db, now)),
    }
  },
  'messages.sendNow': audited(async ({ db, now, core, afterCommit }, { id }) => {
    afterCommit(() => core.messages.nudge())
    return about('Sent now', await sendNow(db, id, now))
  }),
  'messages.skip': audited(async ({ db, now }, { id }) =>
    about('Skipped', await skipMessage(db, id, now)),
  ),
  'messages.retry': audited(async ({ db, now, core, afterCommit }, { id }) => {
    afterCommit(() => core.messages.nudge())
    return about('Retried', await retryMessage(db, id, now))
  }),
  'messages.clientHistory': async ({ db, session }, { clientId }) => {
    await assertMayReadHistory(db, session, clientId)
    return {
      ...(await clientPreferences(db, clientId)),
      messages: await clientMessages(db, clientId),
    }
  },
  'messages.setClientPreferences': audited(async ({ db, now }, input) => ({
    value: await setClientPreferences(db, input, now),
    audit: {
      entityType: 'client',
      entityId: input.clientId,
      summary: `Messages by ${input.channel}${input.marketingOptOut ? ', opted out of marketing' : ''}`,
    },
  })),
}
