import { createHash } from 'node:crypto'
import nodemailer from 'nodemailer'
import type { Transporter } from 'nodemailer'
import { OFFLINE_CODES, type Channel, type Outgoing, type SendResult } from './channel'

export interface SmtpConfig {
  host: string
  port: number
  /** 'tls': TLS from the first byte (port 465); 'starttls': plain, then STARTTLS required. */
  security: 'tls' | 'starttls' | 'none'
  user: string
  password: string | null
  /** A certificate to trust (a server with its own); empty: the system's CAs. */
  caPem: string
  fromName: string
  fromAddress: string
}

/** A stable Message-ID from the outbox key: a resend after a crash carries the same one. */
export function messageIdOf(key: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] || 'plinth.invalid'
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`
}

/**
 * E-mail over SMTP with Nodemailer, pooled (a few connections kept open while draining).
 * SMTP has no idempotency key: a crash after the server accepted a message and before the
 * outbox recorded it sends it again on restart. Both copies carry the same Message-ID
 * (messageIdOf), which many mail stores (Gmail among them) show once.
 */
export function emailChannel(config: SmtpConfig): Channel & { verify(): Promise<SendResult> } {
  const transport: Transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    tls: { ...(config.caPem ? { ca: [config.caPem] } : {}), minVersion: 'TLSv1.2' },
    pool: true,
    maxConnections: 4,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  })
  return {
    async send(m: Outgoing) {
      try {
        const info = await transport.sendMail({
          from: { name: config.fromName || config.fromAddress, address: config.fromAddress },
          to: m.to,
          subject: m.subject,
          text: m.body,
          messageId: messageIdOf(m.key, config.fromAddress),
          ...(m.ics
            ? {
                attachments: [
                  {
                    filename: m.ics.filename,
                    content: m.ics.content,
                    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
                  },
                ],
              }
            : {}),
        })
        return { ok: true, gatewayId: String(info.messageId ?? '') || null }
      } catch (error) {
        return smtpFailure(error)
      }
    },
    async verify() {
      try {
        await transport.verify()
        return { ok: true, gatewayId: null }
      } catch (error) {
        return smtpFailure(error)
      }
    },
    close: () => transport.close(),
  }
}

/** Reads Nodemailer's error: 5xx replies are permanent, network errors mean offline. */
export function smtpFailure(error: unknown): SendResult & { ok: false } {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string }
  const code = e.code ?? ''
  if (OFFLINE_CODES.has(code) || code === 'ECONNECTION' || code === 'EDNS' || code === 'ESOCKET') {
    const tlsProblem = /certificate|self.signed|SSL|TLS/i.test(e.message ?? '')
    return {
      ok: false,
      permanent: false,
      offline: !tlsProblem,
      reason: tlsProblem
        ? `The mail server's certificate was not trusted: ${e.message}`
        : `Could not reach the mail server (${code || 'no connection'}).`,
    }
  }
  if (code === 'EAUTH') {
    return {
      ok: false,
      permanent: false,
      offline: false,
      reason: 'The mail server refused the user name or password.',
    }
  }
  if (e.responseCode && e.responseCode >= 500) {
    return {
      ok: false,
      permanent: true,
      offline: false,
      reason: `The mail server refused it: ${e.response ?? e.message}`,
    }
  }
  return {
    ok: false,
    permanent: false,
    offline: false,
    reason: `The mail server did not take it: ${e.response ?? e.message ?? 'unknown error'}`,
  }
}
