import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { OFFLINE_CODES, type Channel, type Outgoing, type SendResult } from './channel'

/**
 * The SMS Works (a UK gateway: alphanumeric sender IDs up to 11 characters, delivery reports,
 * failed UK messages refunded), through its published HTTP API v1:
 *   docs  https://thesmsworks.co.uk/developers
 *   spec  https://api.thesmsworks.co.uk/api/swagger/swagger.yaml (OpenAPI, v1.9.0)
 * - Send: `POST {base}/message/send`, header `Authorization: <the account's JWT>`, JSON
 *   `{ sender, destination, content, tag }` (destination 44... without +; tag up to 280
 *   characters, echoed on the message). 201 → `{ messageid, status, credits }`.
 *   Errors: 400 `{ message }` (e.g. an invalid destination: permanent), 401 (bad token),
 *   402 `{ errorCode, status }` (out of credit), 429 and 5xx (try again later).
 * - Find: `POST {base}/messages` with `{ destination, from }` → an array of messages, each
 *   `{ messageid, tag, status, ... }`.
 * - Delivery report: `GET {base}/messages/{messageid}` → `{ status: 'DELIVERED' |
 *   'UNDELIVERABLE' | 'EXPIRED' | 'REJECTED' | 'SENT' | ..., failureReason?: { code,
 *   details, permanent } }` (the same body the gateway can also POST to a report URL; a
 *   clinic PC behind a router cannot take POSTs, so the sender asks).
 * The API takes no idempotency key. The outbox key goes in `tag`, and after a crash
 * mid-send the sender asks the gateway for messages to that number since the attempt and
 * looks for the tag before sending again: so a message is not sent twice.
 */
export interface SmsWorksConfig {
  baseUrl: string
  token: string
  sender: string
}

/** A UK (or international) mobile as the gateway wants it: digits with country code, no +. */
export function gatewayNumber(phone: string): string | null {
  const parsed = parsePhoneNumberFromString(phone, 'GB')
  if (!parsed || !parsed.isPossible()) return null
  return parsed.number.replace(/^\+/, '')
}

export function smsWorksChannel(config: SmsWorksConfig): Channel {
  const base = config.baseUrl.replace(/\/+$/, '')
  const request = async (path: string, init: { method: string; body?: unknown }) =>
    fetch(`${base}${path}`, {
      method: init.method,
      headers: {
        Authorization: config.token,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      signal: AbortSignal.timeout(20_000),
    })
  return {
    async send(m: Outgoing): Promise<SendResult> {
      const destination = gatewayNumber(m.to)
      if (!destination) {
        return {
          ok: false,
          permanent: true,
          offline: false,
          reason: `"${m.to}" is not a mobile number.`,
        }
      }
      try {
        const response = await request('/message/send', {
          method: 'POST',
          body: { sender: config.sender, destination, content: m.body, tag: m.key },
        })
        const body = (await response.json().catch(() => ({}))) as Record<string, unknown>
        if (response.status === 201 || response.status === 200) {
          return {
            ok: true,
            gatewayId: typeof body['messageid'] === 'string' ? body['messageid'] : null,
          }
        }
        return gatewayFailure(response.status, body)
      } catch (error) {
        return networkFailure(error)
      }
    },
    async findSent(m: Outgoing, since: Date) {
      const destination = gatewayNumber(m.to)
      if (!destination) return null
      try {
        const response = await request('/messages', {
          method: 'POST',
          body: { destination, from: since.toISOString() },
        })
        if (response.status !== 200) return undefined
        const list = (await response.json()) as { messageid?: string; tag?: string }[]
        const found = Array.isArray(list) ? list.find((x) => x.tag === m.key) : undefined
        return found?.messageid ?? null
      } catch {
        return undefined
      }
    },
    async delivery(gatewayId: string) {
      try {
        const response = await request(`/messages/${encodeURIComponent(gatewayId)}`, {
          method: 'GET',
        })
        if (response.status !== 200) return null
        const body = (await response.json()) as {
          status?: string
          failureReason?: { details?: string; code?: number }
        }
        const status = body.status ?? ''
        if (status === 'DELIVERED') return { state: 'delivered' as const, detail: 'Delivered' }
        if (['UNDELIVERABLE', 'EXPIRED', 'REJECTED'].includes(status)) {
          const why = body.failureReason?.details
          return {
            state: 'undelivered' as const,
            detail: `${status.toLowerCase()}${why ? `: ${why}` : ''}`,
          }
        }
        return { state: 'pending' as const, detail: status.toLowerCase() }
      } catch {
        return null
      }
    },
    close() {},
  }
}

function gatewayFailure(status: number, body: Record<string, unknown>): SendResult & { ok: false } {
  const said = String(body['message'] ?? body['status'] ?? '')
  if (status === 400) {
    return {
      ok: false,
      permanent: true,
      offline: false,
      reason: `The SMS gateway refused it: ${said || 'bad request'}`,
    }
  }
  if (status === 401 || status === 403) {
    return {
      ok: false,
      permanent: false,
      offline: false,
      reason: 'The SMS gateway refused the API token.',
    }
  }
  if (status === 402) {
    return {
      ok: false,
      permanent: false,
      offline: false,
      reason: 'The SMS account is out of credit.',
    }
  }
  return {
    ok: false,
    permanent: false,
    offline: false,
    reason: `The SMS gateway answered ${status}${said ? `: ${said}` : ''}`,
  }
}

function networkFailure(error: unknown): SendResult & { ok: false } {
  const e = error as { name?: string; cause?: { code?: string } }
  const code = e.cause?.code ?? ''
  const offline = OFFLINE_CODES.has(code) || e.name === 'TimeoutError'
  return {
    ok: false,
    permanent: false,
    offline,
    reason: offline
      ? `Could not reach the SMS gateway (${code || 'timed out'}).`
      : `The SMS gateway call failed (${e.name ?? 'error'}).`,
  }
}
