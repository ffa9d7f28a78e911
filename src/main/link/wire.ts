import type { IncomingMessage, ServerResponse } from 'node:http'
import { IMPORT_MAX_CHARS } from '../../shared/contract/imports'
import type { RpcErrorBody } from '../../shared/rpc'

/**
 * The desk link's wire: paths, headers and size limits shared by host and desk. Bodies are
 * JSON; every answer is an RpcResult, so a desk hands the host's words to its renderer.
 */
export const LINK_PATHS = {
  hello: '/plinth/hello',
  pair: '/plinth/pair',
  rpc: '/plinth/rpc',
  events: '/plinth/events',
} as const
export const VERSION_HEADER = 'x-plinth-version'
/**
 * The largest call the contract allows is a CSV import of IMPORT_MAX_CHARS characters
 * (contract/imports.ts): as UTF-8 inside JSON a character can take 3 bytes. Files travel in
 * calls, so a desk has the same limits as the host's own window. Read only after the desk's
 * credential has been checked.
 */
export const MAX_RPC_BODY_BYTES = IMPORT_MAX_CHARS * 3 + 1024 * 1024
export const MAX_PAIR_BODY_BYTES = 4 * 1024
/** Desks connect to this by default; the owner can pick another in Settings → Network. */
export const DEFAULT_HOST_PORT = 47_150
/** The mDNS service type hosts publish and desks browse (as _plinth._tcp.local). */
export const MDNS_TYPE = 'plinth'

export class BodyTooLarge extends Error {}

/** Reads a request body, refusing (and stopping the read) past `max` bytes. */
export async function readBody(req: IncomingMessage, max: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > max) throw new BodyTooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > max) throw new BodyTooLarge()
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  res.end(text)
}

export function sendError(
  res: ServerResponse,
  status: number,
  error: RpcErrorBody,
  close = false,
): void {
  if (close) res.setHeader('connection', 'close')
  sendJson(res, status, { ok: false, error })
}

/** The words a desk shows when its version and the host's differ (issue 15). */
export function versionMismatch(deskVersion: string, hostVersion: string): RpcErrorBody {
  return {
    code: 'version_mismatch',
    message: `This computer runs Plinth ${deskVersion}, but the clinic's host runs Plinth ${hostVersion}. Install Plinth ${hostVersion} on this computer to connect.`,
  }
}
