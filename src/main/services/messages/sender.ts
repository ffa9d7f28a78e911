import type { Kysely } from 'kysely'
import type { DB, MessagesTable } from '../../db/schema'
import type { Logger } from '../../log'
import { writeAudit } from '../audit'
import { KIND_LABELS } from '../../../shared/messages/templates'
import { appointmentIcs } from './appointment-ics'
import type { Outgoing, SendResult } from './channels/channel'
import { channelsFromSettings, type ChannelSet } from './channels-from-settings'
import { messageSettingsRow, type MessageSettingsRow } from './message-settings'
import type { SecretBox } from './secret-box'
import { MAX_ATTEMPTS, retryDelay } from './timing'
import { queueRecalls } from './recall'
import type { Selectable } from 'kysely'

type Row = Selectable<MessagesTable>

export interface SenderOptions {
  /** Borrows the live connection for one short piece of work (LiveDatabase.use). */
  use: <T>(fn: (db: Kysely<DB>) => Promise<T>) => Promise<T>
  box: SecretBox
  now: () => Date
  log: Logger
  /** How often to look for due messages when not nudged; 15 s in the app. */
  pollMs?: number
  /** Messages in flight at once (SMTP connections are pooled to match). */
  concurrency?: number
  /** Name on the audit rows the sender writes. */
  workstation?: string
  /** Tests: the channels to use instead of the ones the settings make. */
  channels?: (row: MessageSettingsRow) => ChannelSet
}

const STALE_KINDS = new Set(['confirmation', 'reminder', 'moved'])

/**
 * The outbox's sender (issue 16), in the host's main process. It claims each due message
 * (queued → sending, committed) before handing it to a gateway and records the outcome after,
 * so a crash leaves the message in `sending`, never lost: at the next start the sender asks
 * a gateway that can say (SMS: by tag) whether it has it, and sends again only if not
 * (e-mail cannot say: it is sent again, with the same Message-ID). Transient failures retry
 * with exponential backoff (timing.ts) up to MAX_ATTEMPTS, then the message is failed with the
 * gateway's reason and waits for Retry on the Messages screen.
 */
export class MessageSender {
  #o: Required<Omit<SenderOptions, 'channels'>> & Pick<SenderOptions, 'channels'>
  #timer: NodeJS.Timeout | null = null
  #running: Promise<void> | null = null
  #again = false
  #stopped = true
  /** Set by stop(): sends in flight finish, no new one starts. */
  #halt = false
  #channels: { stamp: string; set: ChannelSet } | null = null
  #recovered = false
  #recallsAt = 0
  /** Whether the last attempt reached a server; null before any. */
  offline: boolean | null = null
  lastProblem: string | null = null

  constructor(options: SenderOptions) {
    this.#o = { pollMs: 15_000, concurrency: 4, workstation: '', ...options }
  }

  /** The box the clinic's messaging secrets are sealed with (secret-box.ts). */
  get box() {
    return this.#o.box
  }

  start(): void {
    if (!this.#stopped) return
    this.#stopped = false
    this.#halt = false
    this.nudge()
  }

  /** Stops looking; waits for the sends in flight to be recorded. */
  async stop(): Promise<void> {
    this.#stopped = true
    this.#halt = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    await this.#running
    this.#closeChannels()
  }

  /** Looks for due messages now (after a command queued some, or Send now). */
  nudge(): void {
    if (this.#stopped) return
    if (this.#running) {
      this.#again = true
      return
    }
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    this.#running = this.drain()
      .then(() => undefined)
      .catch((error) => this.#o.log.error('message sender failed', { error: String(error) }))
      .finally(() => {
        this.#running = null
        if (this.#stopped) return
        if (this.#again) {
          this.#again = false
          this.nudge()
        } else {
          this.#timer = setTimeout(() => this.nudge(), this.#o.pollMs)
          this.#timer.unref?.()
        }
      })
  }

  /** Sends everything due now; returns how many messages it settled (sent or failed). */
  async drain(): Promise<number> {
    const settings = await this.#o.use((db) => messageSettingsRow(db))
    const channels = this.#channelsFor(settings)
    if (!this.#recovered) this.#recovered = await this.#recover(channels)
    // Recalls are due by the week: looking once an hour is plenty.
    const started = this.#o.now()
    if (started.getTime() - this.#recallsAt >= 3_600_000) {
      this.#recallsAt = started.getTime()
      await this.#o.use((db) => db.transaction().execute((trx) => queueRecalls(trx, started)))
    }
    let settled = 0
    for (;;) {
      const now = this.#o.now()
      const ready = (Object.keys(channels) as (keyof ChannelSet)[]).filter((c) => channels[c])
      if (ready.length === 0) return settled
      const due = await this.#o.use((db) =>
        db
          .selectFrom('messages')
          .selectAll()
          .where('state', '=', 'queued')
          .where('channel', 'in', ready)
          .where('next_attempt_at', '<=', now.toISOString())
          .orderBy('next_attempt_at')
          .limit(50)
          .execute(),
      )
      if (due.length === 0) {
        await this.#checkDeliveries(channels)
        return settled
      }
      const queue = [...due]
      const workers = Array.from({ length: this.#o.concurrency }, async () => {
        for (let m = queue.shift(); m; m = queue.shift()) {
          if (this.#halt) return
          if (await this.#sendOne(m, channels)) settled++
        }
      })
      await Promise.all(workers)
      if (this.#halt) return settled
    }
  }

  #channelsFor(settings: MessageSettingsRow): ChannelSet {
    if (this.#o.channels) return this.#o.channels(settings)
    // Made again whenever any setting differs (not only updated_at: two saves in the same
    // millisecond, or a pinned clock, must not keep an old password in use).
    const stamp = JSON.stringify(settings)
    if (this.#channels?.stamp !== stamp) {
      this.#closeChannels()
      this.#channels = { stamp, set: channelsFromSettings(settings, this.#o.box) }
    }
    return this.#channels.set
  }

  #closeChannels() {
    for (const c of Object.values(this.#channels?.set ?? {})) c.close()
    this.#channels = null
  }

  /** Claims a message (queued → sending) unless it went stale; the claimed row or null. */
  async #claim(m: Row): Promise<Row | null> {
    const now = this.#o.now().toISOString()
    return this.#o.use((db) =>
      db.transaction().execute(async (trx) => {
        if (m.appointment_id !== null && STALE_KINDS.has(m.kind)) {
          const a = await trx
            .selectFrom('appointments')
            .select(['status', 'starts_at'])
            .where('id', '=', m.appointment_id)
            .executeTakeFirst()
          // A reminder or confirmation after the appointment began says nothing useful (a
          // booking left as Booked after the day, or a retry pressed late).
          const passed = !!a && a.starts_at <= now
          const stale =
            !a ||
            a.status !== 'booked' ||
            passed ||
            (m.kind === 'reminder' && !m.idem_key.includes(`:${a.starts_at}:`))
          if (stale) {
            const reason = passed ? 'appointment has passed' : 'appointment changed'
            await trx
              .updateTable('messages')
              .set({ state: 'cancelled', cancelled_at: now, cancel_reason: reason })
              .where('id', '=', m.id)
              .where('state', '=', 'queued')
              .execute()
            return null
          }
        }
        const claimed = await trx
          .updateTable('messages')
          .set((eb) => ({ state: 'sending', sending_at: now, attempts: eb('attempts', '+', 1) }))
          .where('id', '=', m.id)
          .where('state', '=', 'queued')
          .returningAll()
          .executeTakeFirst()
        return claimed ?? null
      }),
    )
  }

  async #outgoing(m: Row): Promise<Outgoing> {
    const ics =
      m.with_ics && m.appointment_id !== null
        ? await this.#o.use((db) => appointmentIcs(db, m.appointment_id!))
        : null
    return { key: m.idem_key, to: m.to_address, subject: m.subject, body: m.body, ics }
  }

  async #sendOne(queued: Row, channels: ChannelSet): Promise<boolean> {
    const m = await this.#claim(queued)
    if (!m) return false
    const channel = channels[m.channel]!
    let result: SendResult
    try {
      result = await channel.send(await this.#outgoing(m))
    } catch (error) {
      result = { ok: false, permanent: false, offline: false, reason: String(error) }
    }
    await this.#record(m, result)
    return result.ok || result.permanent || m.attempts >= MAX_ATTEMPTS
  }

  async #record(m: Row, result: SendResult): Promise<void> {
    const at = this.#o.now()
    this.offline = !result.ok && result.offline
    this.lastProblem = result.ok ? null : result.reason
    await this.#o.use((db) =>
      db.transaction().execute(async (trx) => {
        if (result.ok) {
          await trx
            .updateTable('messages')
            .set({
              state: 'sent',
              sent_at: at.toISOString(),
              gateway_id: result.gatewayId,
              last_error: null,
            })
            .where('id', '=', m.id)
            .execute()
          // Issue 16: the audit says a message went and how, never what it said.
          await writeAudit(
            trx,
            { userId: null, username: null, workstation: this.#o.workstation },
            {
              action: 'message.sent',
              entityType: 'message',
              entityId: m.id,
              summary: `${KIND_LABELS[m.kind]} sent by ${m.channel === 'email' ? 'e-mail' : 'SMS'}`,
            },
            at,
          )
          return
        }
        const giveUp = result.permanent || m.attempts >= MAX_ATTEMPTS
        await trx
          .updateTable('messages')
          .set(
            giveUp
              ? { state: 'failed', failed_at: at.toISOString(), last_error: result.reason }
              : {
                  state: 'queued',
                  last_error: result.reason,
                  next_attempt_at: new Date(at.getTime() + retryDelay(m.attempts)).toISOString(),
                },
          )
          .where('id', '=', m.id)
          .execute()
      }),
    )
  }

  /** Asks the gateway for the delivery report of SMS sent in the last 3 days not yet settled. */
  async #checkDeliveries(channels: ChannelSet): Promise<void> {
    const sms = channels.sms
    if (!sms?.delivery) return
    const since = new Date(this.#o.now().getTime() - 3 * 86_400_000).toISOString()
    const open = await this.#o.use((db) =>
      db
        .selectFrom('messages')
        .select(['id', 'gateway_id'])
        .where('channel', '=', 'sms')
        .where('state', '=', 'sent')
        .where('gateway_id', 'is not', null)
        .where('sent_at', '>=', since)
        .where((eb) => eb.or([eb('delivery', 'is', null), eb('delivery', 'like', 'pending%')]))
        .limit(50)
        .execute(),
    )
    for (const m of open) {
      const report = await sms.delivery(m.gateway_id!)
      if (!report) continue
      await this.#o.use((db) =>
        db
          .updateTable('messages')
          .set({
            delivery: report.state === 'pending' ? `pending: ${report.detail}` : report.detail,
          })
          .where('id', '=', m.id)
          .execute(),
      )
    }
  }

  /**
   * Messages left `sending` by a crash: a gateway that can tell (findSent) is asked whether it
   * has them; those it has are recorded as sent, the rest queued again at once.
   */
  async #recover(channels: ChannelSet): Promise<boolean> {
    const stuck = await this.#o.use((db) =>
      db.selectFrom('messages').selectAll().where('state', '=', 'sending').execute(),
    )
    let all = true
    for (const m of stuck) {
      const channel = channels[m.channel]
      let found: string | null | undefined = undefined
      if (channel?.findSent) {
        const since = new Date(Date.parse(m.sending_at ?? m.queued_at) - 60_000)
        found = await channel.findSent(await this.#outgoing(m), since)
        if (found === undefined) {
          all = false // the gateway cannot say now: ask again at the next drain
          continue
        }
      }
      if (found) {
        await this.#record(m, { ok: true, gatewayId: found })
      } else {
        await this.#o.use((db) =>
          db
            .updateTable('messages')
            .set({ state: 'queued', next_attempt_at: this.#o.now().toISOString() })
            .where('id', '=', m.id)
            .where('state', '=', 'sending')
            .execute(),
        )
      }
    }
    return all
  }
}
