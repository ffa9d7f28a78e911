// The small interface every way of sending implements (SMTP e-mail, an SMS gateway), so a
// second gateway is one more file beside sms-the-sms-works.ts.

export interface Outgoing {
  /** The message's idempotency key (outbox `idem_key`). */
  key: string
  to: string
  subject: string
  body: string
  /** An .ics calendar file to attach (e-mail only). */
  ics: { filename: string; content: string } | null
}

export type SendResult =
  | { ok: true; gatewayId: string | null }
  | {
      ok: false
      /** The gateway refused this message for good (bad address): no retry. */
      permanent: boolean
      /** No server could be reached (no connection): the outbox waits and says so. */
      offline: boolean
      /** The gateway's own words, for the Messages screen. Never the message text. */
      reason: string
    }

export interface Channel {
  send(message: Outgoing): Promise<SendResult>
  /**
   * After a crash between handing a message to the gateway and recording that it went:
   * the gateway's id if it has the message (found by its key), null if it has not, or
   * undefined when the gateway cannot say (then the message is sent again; see README).
   */
  findSent?(message: Outgoing, since: Date): Promise<string | null | undefined>
  /** Delivery report for a sent message, if the gateway keeps one. */
  delivery?(
    gatewayId: string,
  ): Promise<{ state: 'delivered' | 'pending' | 'undelivered'; detail: string } | null>
  close(): void
}

/** Node's network error codes that mean "no connection" rather than "refused". */
export const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
])
