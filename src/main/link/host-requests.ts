import { BlockList, isIPv4 } from 'node:net'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { deskName } from '../../shared/contract/network'
import type { ChangeEvent } from '../../shared/change-events'
import { REQUEST_ID_PATTERN } from '../../shared/kept-saves'
import type { DB } from '../db/schema'
import type { Logger } from '../log'
import type { StaffConnection } from '../rpc/staff-connection'
import { writeAudit } from '../services/audit'
import { addDesk, findDesk, touchDesk } from '../services/desks/desk-registry'
import type { AttemptLimiter, PairingCodes } from '../services/desks/pairing-codes'
import {
  BodyTooLarge,
  LINK_PATHS,
  MAX_PAIR_BODY_BYTES,
  MAX_RPC_BODY_BYTES,
  VERSION_HEADER,
  readBody,
  sendError,
  sendJson,
  versionMismatch,
} from './wire'

// Loopback, the private IPv4 ranges, link-local, and IPv6 unique-local: "the clinic's
// network". A request from anywhere else (a port forwarded from the internet) is refused.
const LOCAL = new BlockList()
LOCAL.addSubnet('127.0.0.0', 8, 'ipv4')
LOCAL.addSubnet('10.0.0.0', 8, 'ipv4')
LOCAL.addSubnet('172.16.0.0', 12, 'ipv4')
LOCAL.addSubnet('192.168.0.0', 16, 'ipv4')
LOCAL.addSubnet('169.254.0.0', 16, 'ipv4')
LOCAL.addAddress('::1', 'ipv6')
LOCAL.addSubnet('fc00::', 7, 'ipv6')
LOCAL.addSubnet('fe80::', 10, 'ipv6')

/** The caller's address without the IPv4-in-IPv6 prefix Node gives on dual-stack sockets. */
export function remoteAddressOf(req: IncomingMessage): string {
  const raw = req.socket.remoteAddress ?? ''
  return raw.startsWith('::ffff:') && isIPv4(raw.slice(7)) ? raw.slice(7) : raw
}

export function isLocalAddress(address: string): boolean {
  if (!address) return false
  return LOCAL.check(address, isIPv4(address) ? 'ipv4' : 'ipv6')
}

const pairBody = z.object({ code: z.string().max(40), deskName })
const rpcBody = z.object({
  method: z.string().max(100),
  input: z.unknown(),
  requestId: z.string().regex(REQUEST_ID_PATTERN).optional(),
})

/** One paired desk as the host holds it while the desk is in use. */
export interface DeskSlot {
  id: number
  /** Its current name: audit rows of its calls carry it (it can be renamed at any time). */
  name: string
  connection: StaffConnection
  lastTouch: number
  lastAddress: string
  streams: Set<ServerResponse>
}

export interface HostRequestDeps {
  db: () => Kysely<DB>
  log: Logger
  now: () => Date
  version: string
  fingerprint: string
  clinicName: () => Promise<string>
  codes: PairingCodes
  limiter: AttemptLimiter
  /** The desk's slot, made on its first call after a start. */
  slot(id: number, name: string, address: string): DeskSlot
  subscribe(listener: (event: ChangeEvent) => void, except: unknown): () => void
  /** Told after a desk pairs, so the owner's list of paired computers refreshes at once. */
  onPaired(): void
  /**
   * True once the integrity check found the file damaged: nothing more is written to it
   * (rpc/damage-gate.ts), so no pairing and no "last seen" (a user trial paired a desk,
   * and so wrote, to a damaged host's file). Calls still pass: the owner restores from a desk.
   */
  damaged?: () => boolean
}

// last_seen_at is written at most this often per desk: a busy desk calls many times a second.
const TOUCH_EVERY_MS = 30_000
const MAX_STREAMS_PER_DESK = 4
/**
 * A comment line on every change stream this often. Desks take STREAM_SILENCE_MS without a
 * byte (desk-client.ts) as a host that has stopped answering, so keep this well under it.
 */
export const HEARTBEAT_MS = 2_000

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? ''
  return header.startsWith('Bearer ') ? header.slice(7) : null
}

/**
 * Answers one request on the host's TLS server. Every RPC still goes through the desk's
 * StaffConnection and so the router: validated, role-checked, idle-locked and audited on
 * the host. The desk's credential is checked against the database on every request, so a
 * revoked desk is refused from its next call on.
 */
export async function answerDeskRequest(
  deps: HostRequestDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const address = remoteAddressOf(req)
  if (!isLocalAddress(address)) {
    return sendError(res, 403, { code: 'forbidden', message: 'Only the clinic network.' }, true)
  }
  const path = new URL(req.url ?? '/', 'https://host').pathname
  if (path === LINK_PATHS.hello && req.method === 'GET') {
    return sendJson(res, 200, {
      ok: true,
      value: {
        clinicName: await deps.clinicName(),
        version: deps.version,
        fingerprint: deps.fingerprint,
      },
    })
  }
  const deskVersion = req.headers[VERSION_HEADER]
  if (typeof deskVersion !== 'string' || deskVersion !== deps.version) {
    return sendError(res, 409, versionMismatch(String(deskVersion ?? 'unknown'), deps.version))
  }
  if (path === LINK_PATHS.pair && req.method === 'POST') return pair(deps, req, res, address)

  const token = bearer(req)
  const desk = token ? await findDesk(deps.db(), token) : null
  if (!desk) {
    return sendError(res, 401, {
      code: 'not_paired',
      message:
        'This computer is no longer paired with the clinic. Ask the owner for a new pairing code.',
    })
  }
  const slot = deps.slot(desk.id, desk.name, address)
  slot.name = desk.name
  const at = deps.now().getTime()
  if (!deps.damaged?.() && (at - slot.lastTouch > TOUCH_EVERY_MS || slot.lastAddress !== address)) {
    slot.lastTouch = at
    slot.lastAddress = address
    await touchDesk(deps.db(), desk.id, address, deps.now())
  }

  if (path === LINK_PATHS.rpc && req.method === 'POST') {
    let parsed: z.output<typeof rpcBody>
    try {
      parsed = rpcBody.parse(JSON.parse(await readBody(req, MAX_RPC_BODY_BYTES)))
    } catch (error) {
      return error instanceof BodyTooLarge
        ? sendError(
            res,
            413,
            { code: 'invalid_input', message: 'That is too large to send.' },
            true,
          )
        : sendError(res, 400, { code: 'invalid_input', message: 'Bad request body.' })
    }
    return sendJson(
      res,
      200,
      await slot.connection.call(
        parsed.method,
        parsed.input,
        parsed.requestId ? { requestId: parsed.requestId } : {},
      ),
    )
  }
  if (path === LINK_PATHS.events && req.method === 'GET') return stream(deps, slot, req, res)
  return sendError(res, 404, { code: 'unknown_method', message: 'Not found.' })
}

async function pair(
  deps: HostRequestDeps,
  req: IncomingMessage,
  res: ServerResponse,
  address: string,
): Promise<void> {
  if (!deps.limiter.allow(address)) {
    return sendError(res, 429, {
      code: 'rate_limited',
      message: 'Too many tries from this computer. Wait a minute, then try again.',
    })
  }
  if (deps.damaged?.()) {
    return sendError(res, 503, {
      code: 'rule_broken',
      message:
        'The clinic’s database on the host is damaged, so no computer can be paired now. The owner restores a backup first (from a paired desk or the host).',
    })
  }
  let body: z.output<typeof pairBody>
  try {
    body = pairBody.parse(JSON.parse(await readBody(req, MAX_PAIR_BODY_BYTES)))
  } catch {
    return sendError(res, 400, { code: 'invalid_input', message: 'Bad request body.' }, true)
  }
  const check = deps.codes.redeem(body.code)
  if (!check.ok) {
    const message = {
      wrong: 'That code is not right. Check it on the host’s screen.',
      expired: 'That code has expired. Show a new code on the host.',
      none: 'The host is not showing a pairing code. Show one in Settings → Network.',
      burned: 'Too many wrong codes. Show a new code on the host.',
    }[check.reason]
    return sendError(res, check.reason === 'expired' ? 410 : 403, {
      code: 'invalid_input',
      message,
      fieldErrors: [{ path: 'code', message }],
    })
  }
  const now = deps.now()
  const db = deps.db()
  const { id, token } = await db.transaction().execute(async (trx) => {
    const added = await addDesk(trx, body.deskName, address, now)
    await writeAudit(
      trx,
      { userId: null, username: null, workstation: body.deskName },
      {
        action: 'network.pair',
        entityType: 'desk',
        entityId: added.id,
        summary: `Paired ${body.deskName} from ${address}`,
      },
      now,
    )
    return added
  })
  deps.log.info('paired a desk', { id, address })
  deps.onPaired()
  return sendJson(res, 200, {
    ok: true,
    value: {
      deskId: id,
      token,
      clinicName: await deps.clinicName(),
      fingerprint: deps.fingerprint,
    },
  })
}

function stream(
  deps: HostRequestDeps,
  slot: DeskSlot,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (slot.streams.size >= MAX_STREAMS_PER_DESK) {
    return sendError(res, 429, { code: 'rate_limited', message: 'Too many event streams.' })
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  })
  res.write('retry: 1000\n\n')
  slot.streams.add(res)
  // A desk's own changes are not echoed back to it: its window updated itself already.
  const unsubscribe = deps.subscribe((event) => {
    res.write(`id: ${event.seq}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`)
  }, slot.connection)
  const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS)
  heartbeat.unref()
  const done = () => {
    clearInterval(heartbeat)
    unsubscribe()
    slot.streams.delete(res)
  }
  req.on('close', done)
  res.on('close', done)
  // No request timeout for a stream that is meant to stay open.
  req.socket.setTimeout(0)
}
