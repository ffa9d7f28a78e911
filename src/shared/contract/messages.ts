import { z } from 'zod'
import { ALL_STAFF } from '../roles'
import { method } from './define'
import { CHANNELS, MESSAGE_KINDS, templateProblems } from '../messages/templates'

// Issue 16: confirmations and reminders from the outbox. Roles (decided here, enforced by
// the router): the owner sets messaging up (SMTP, SMS gateway, timing, templates); reception
// and the owner work the outbox (send now, skip, retry) and set a client's channel; a
// therapist only reads the message history of clients they have an appointment with (the
// handler checks that), and anyone signed in sees the "N messages waiting" count.

const hhmm = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time like 21:00')
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
const emailAddress = z.string().trim().max(254).email('Enter an e-mail address')

export const messageKind = z.enum([...MESSAGE_KINDS, 'test'])
export const messageChannel = z.enum(CHANNELS)
export const clientChannel = z.enum(['email', 'sms', 'both', 'none'])
export const messageState = z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled'])

export const smtpSecurity = z.enum(['tls', 'starttls', 'none'])

export const messageSettingsInput = z.object({
  reminderHours: z
    .number()
    .int()
    .min(1, 'At least 1 hour before')
    .max(168, 'At most a week (168 hours) before'),
  quietStart: hhmm,
  quietEnd: hhmm,
  recallWeeks: z.number().int().min(1).max(104).nullable(),
  email: z.object({
    enabled: z.boolean(),
    host: z
      .string()
      .trim()
      .max(253)
      .regex(/^[A-Za-z0-9.-]*$/, 'Enter a host name such as smtp.example.com'),
    port: z.number().int().min(1).max(65535),
    security: smtpSecurity,
    user: z.string().trim().max(254),
    /** Empty: keep the stored password. */
    password: z.string().max(500).optional(),
    /** A certificate (PEM) to trust for a server with its own; empty for public ones. */
    caPem: z
      .string()
      .trim()
      .max(20_000)
      .refine((v) => v === '' || v.startsWith('-----BEGIN CERTIFICATE-----'), {
        message: 'Paste a PEM certificate (-----BEGIN CERTIFICATE-----) or leave it empty',
      }),
    fromName: z.string().trim().max(120),
    fromAddress: z.union([z.literal(''), emailAddress]),
  }),
  sms: z.object({
    enabled: z.boolean(),
    baseUrl: z
      .string()
      .trim()
      .max(300)
      .url('Enter the gateway address, e.g. https://api.thesmsworks.co.uk/v1'),
    /** Empty: keep the stored token. */
    token: z.string().max(4000).optional(),
    sender: z
      .string()
      .trim()
      .max(11, 'A sender ID is at most 11 letters and digits')
      .regex(/^[A-Za-z0-9]*$/, 'Letters and digits only, no spaces'),
    pencePerSegment: z.number().int().min(0).max(100),
  }),
})
export type MessageSettingsInput = z.input<typeof messageSettingsInput>

export const messageSettings = messageSettingsInput.extend({
  email: messageSettingsInput.shape.email.omit({ password: true }).extend({
    passwordSet: z.boolean(),
  }),
  sms: messageSettingsInput.shape.sms.omit({ token: true }).extend({ tokenSet: z.boolean() }),
  updatedAt: z.string(),
})
export type MessageSettings = z.output<typeof messageSettings>

export const templateInput = z
  .object({
    kind: z.enum(MESSAGE_KINDS),
    channel: messageChannel,
    subject: z.string().max(150, 'Keep the subject under 150 characters'),
    body: z.string().max(6000),
  })
  .superRefine((v, ctx) => {
    for (const p of templateProblems(v.channel, v.subject, v.body)) {
      ctx.addIssue({ code: 'custom', path: [p.path], message: p.message })
    }
  })

export const template = z.object({
  kind: z.enum(MESSAGE_KINDS),
  channel: messageChannel,
  subject: z.string(),
  body: z.string(),
  edited: z.boolean(),
})
export type MessageTemplate = z.output<typeof template>

export const outboxRow = z.object({
  id: z.number(),
  kind: messageKind,
  channel: messageChannel,
  clientId: z.number().nullable(),
  clientName: z.string(),
  appointmentId: z.number().nullable(),
  appointmentStartsAt: z.string().nullable(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  segments: z.number(),
  costPence: z.number(),
  state: messageState,
  dueAt: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  queuedAt: z.string(),
  sentAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  delivery: z.string().nullable(),
})
export type OutboxRow = z.output<typeof outboxRow>

export const outboxStatus = z.object({
  /** Queued and due, not yet sent. */
  waiting: z.number(),
  failed: z.number(),
  /** The last attempt could not reach a server (no connection); null before any attempt. */
  offline: z.boolean(),
  lastProblem: z.string().nullable(),
  /** Whether each channel is switched on: with neither, nothing is queued or sent. */
  sending: z.object({ email: z.boolean(), sms: z.boolean() }),
  /** Inside quiet hours: when they end (ISO instant); null outside them. */
  quietUntil: z.string().nullable(),
})
export type OutboxStatus = z.output<typeof outboxStatus>

export const messagesContract = {
  'messages.settings': method({
    summary: 'Read the messaging settings',
    input: z.object({}),
    output: messageSettings,
    roles: ['owner'],
  }),
  'messages.saveSettings': method({
    summary: 'Change the messaging settings',
    input: messageSettingsInput,
    output: messageSettings,
    roles: ['owner'],
  }),
  'messages.sendTestEmail': method({
    summary: 'Send a test e-mail',
    input: z.object({ to: emailAddress }),
    output: z.object({ ok: z.boolean(), message: z.string() }),
    roles: ['owner'],
  }),
  'messages.templates': method({
    summary: 'Read the message templates',
    input: z.object({}),
    output: z.object({
      templates: z.array(template),
      aftercare: z.array(
        z.object({ serviceId: z.number(), serviceName: z.string(), days: z.number().nullable() }),
      ),
      pencePerSegment: z.number(),
    }),
    roles: ['owner'],
  }),
  'messages.saveTemplate': method({
    summary: 'Change a message template',
    input: templateInput,
    output: template,
    roles: ['owner'],
  }),
  'messages.resetTemplate': method({
    summary: 'Put a message template back to the default',
    input: z.object({ kind: z.enum(MESSAGE_KINDS), channel: messageChannel }),
    output: template,
    roles: ['owner'],
  }),
  'messages.saveAftercare': method({
    summary: 'Set the aftercare follow-up for a service',
    input: z.object({ serviceId: id, days: z.number().int().min(1).max(60).nullable() }),
    output: z.object({ serviceId: z.number(), days: z.number().nullable() }),
    roles: ['owner'],
  }),
  'messages.outbox': method({
    summary: 'Read the outbox',
    input: z.object({ view: z.enum(['tomorrow', 'failed', 'waiting', 'recent']) }),
    output: z.array(outboxRow),
    roles: ['owner', 'reception'],
  }),
  'messages.status': method({
    summary: 'Read how many messages are waiting',
    input: z.object({}),
    output: outboxStatus,
    roles: ALL_STAFF,
  }),
  'messages.sendNow': method({
    summary: 'Send a message now',
    input: z.object({ id }),
    output: outboxRow,
    roles: ['owner', 'reception'],
  }),
  'messages.skip': method({
    summary: 'Skip a message',
    input: z.object({ id }),
    output: outboxRow,
    roles: ['owner', 'reception'],
  }),
  'messages.retry': method({
    summary: 'Retry a failed message',
    input: z.object({ id }),
    output: outboxRow,
    roles: ['owner', 'reception'],
  }),
  'messages.clientHistory': method({
    summary: "Read a client's messages",
    input: z.object({ clientId: id }),
    output: z.object({
      channel: clientChannel,
      marketingOptOut: z.boolean(),
      marketingEmail: z.boolean(),
      marketingSms: z.boolean(),
      messages: z.array(outboxRow),
    }),
    roles: ALL_STAFF,
  }),
  'messages.setClientPreferences': method({
    summary: "Change a client's message preferences",
    input: z.object({ clientId: id, channel: clientChannel, marketingOptOut: z.boolean() }),
    output: z.object({ channel: clientChannel, marketingOptOut: z.boolean() }),
    roles: ['owner', 'reception'],
  }),
}
