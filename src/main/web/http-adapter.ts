import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { join, normalize, resolve, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { contentSecurityPolicy } from '../../shared/csp'
import type { PushMessage } from '../../shared/change-events'
import type { RpcResult } from '../../shared/rpc'
import type { StaffConnection } from '../rpc/staff-connection'
import { PageKey, sameSecret } from './page-key'
import { contentTypeOf } from './content-types'

/**
 * The loopback adapter: the built renderer and the router over HTTP on 127.0.0.1, for the
 * end-to-end tests, the bench and demos in a browser. The Electron app never starts it.
 * A random token is minted per start and handed to the page in its bridge script; the RPC
 * endpoint needs it in a custom header (so a cross-site page cannot send it without a
 * CORS preflight we never answer) and checks the Host header (against DNS rebinding).
 * The bridge and every call also need the page's cookie, which only a load of the printed
 * launch address gets (page-key.ts): a local process that knows the port gets nothing.
 */
/** Where the page's calls go: the host's router (a StaffConnection) or a desk's link. */
export interface RpcTransport {
  call(method: string, input: unknown): Promise<RpcResult>
}

/** Feeds pushed messages to `send` until the returned function is called. */
export type PushSource = (send: (message: PushMessage) => void) => () => void

export interface WebServerOptions<C extends RpcTransport = StaffConnection> {
  /** The page's hold on Plinth: who signed in there and whether it is locked. */
  connection: C
  rendererDir: string
  port?: number
  /** Change events (and a desk's link state) for the page's event stream. */
  push?: PushSource
}

export interface WebServer<C extends RpcTransport = StaffConnection> {
  /** The address to open: this server's launch key in its query (`/?launch=KEY`). */
  url: string
  /** `http://127.0.0.1:N/`, without the key. */
  origin: string
  token: string
  /** The Cookie header the page holds once loaded, for clients outside a browser (tests). */
  cookie: string
  connection: C
  close(): Promise<void>
}

const RPC_PATH = '/__plinth/rpc'
const BRIDGE_PATH = '/__plinth/bridge.js'
const EVENTS_PATH = '/__plinth/events'
const MAX_BODY_BYTES = 1_000_000
const NEEDS_LAUNCH_KEY =
  'Open the full address Plinth printed when it started (it ends with ?launch=…): it carries this server’s key.'

function bridgeScript(token: string): string {
  return `// Loopback stand-in for the Electron preload: the same one object on window.
Object.defineProperty(window, 'plinth', {
  value: Object.freeze({
    invoke: (method, input) =>
      fetch(${JSON.stringify(RPC_PATH)}, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-plinth-token': ${JSON.stringify(token)} },
        body: JSON.stringify({ method, input }),
      }).then((r) => r.json()),
    // Server-sent events read with fetch, so the token travels in a header as for calls.
    subscribe: (listener) => {
      const stop = new AbortController()
      const read = async () => {
        const res = await fetch(${JSON.stringify(EVENTS_PATH)}, {
          headers: { 'x-plinth-token': ${JSON.stringify(token)} },
          signal: stop.signal,
        })
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) return
          buffer += value
          let end
          while ((end = buffer.indexOf('\\n\\n')) >= 0) {
            const data = buffer.slice(0, end).split('\\n').find((l) => l.startsWith('data: '))
            buffer = buffer.slice(end + 2)
            if (data) listener(JSON.parse(data.slice(6)))
          }
        }
      }
      read().catch(() => {})
      return () => stop.abort()
    },
  }),
})
`
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': contentSecurityPolicy({ dev: false, header: true }),
  })
  res.end(body)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new Error('body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** A path's `%` escapes decoded, or null for a malformed one (`/%E0%A4%A`): a 400. */
function decodedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return null
  }
}

/** `{ method: string, input?: unknown }` from a body, or null for anything else: a 400. */
function rpcPayload(body: string): { method: string; input: unknown } | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
  const { method, input } = parsed as { method?: unknown; input?: unknown }
  return typeof method === 'string' ? { method, input } : null
}

export async function startWebServer<C extends RpcTransport = StaffConnection>(
  options: WebServerOptions<C>,
): Promise<WebServer<C>> {
  const token = randomBytes(24).toString('base64url')
  const root = resolve(options.rendererDir)
  const indexHtml = await readFile(join(root, 'index.html'), 'utf8')
  // The bridge must run before the app's module script, exactly as a preload would.
  const page = indexHtml.replace('<script', `<script src="${BRIDGE_PATH}"></script>\n    <script`)
  let allowedHosts: string[] = []
  // Made once the port is known (the cookie's name carries it); no request comes before.
  let key: PageKey | null = null

  const server = createServer((req, res) => {
    void (async () => {
      if (!allowedHosts.includes(req.headers.host ?? '')) {
        return send(res, 421, 'text/plain', 'Wrong host')
      }
      const pageKey = key!
      let url: URL
      try {
        url = new URL(req.url ?? '/', 'http://127.0.0.1')
      } catch {
        return send(res, 400, 'text/plain', 'Bad address')
      }
      const isPage = () => pageKey.holds(req) && sameSecret(req.headers['x-plinth-token'], token)
      if (url.pathname === RPC_PATH) {
        if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only')
        if (!isPage()) return send(res, 403, 'text/plain', 'Bad token')
        let body: string
        try {
          body = await readBody(req)
        } catch {
          return send(res, 413, 'text/plain', 'Request body too large')
        }
        const payload = rpcPayload(body)
        if (!payload) return send(res, 400, 'text/plain', 'Bad request body')
        const result = await options.connection.call(payload.method, payload.input)
        return send(res, 200, 'application/json', JSON.stringify(result))
      }
      if (url.pathname === EVENTS_PATH) {
        if (!isPage()) return send(res, 403, 'text/plain', 'Bad token')
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
        res.write(': open\n\n')
        const stop = options.push?.((message) => {
          res.write(`data: ${JSON.stringify(message)}\n\n`)
        })
        res.on('close', () => stop?.())
        return
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'text/plain', 'Method not allowed')
      }
      if (url.pathname === BRIDGE_PATH) {
        // A page on another site (or another port of 127.0.0.1, which is the same site) could
        // include this script to learn the token; a local process has no cookie.
        const site = req.headers['sec-fetch-site']
        if (site && site !== 'same-origin') return send(res, 403, 'text/plain', 'Same origin only')
        if (!pageKey.holds(req)) return send(res, 403, 'text/plain', 'Open the launch address')
        return send(res, 200, contentTypeOf('bridge.js'), bridgeScript(token))
      }
      if (url.pathname === '/' || url.pathname === '/index.html') {
        if (pageKey.opens(url)) {
          // The key leaves the address bar; the fragment (#/diary) is kept by the browser.
          res.writeHead(303, { location: '/', 'set-cookie': pageKey.setCookie() })
          return res.end()
        }
        if (!pageKey.holds(req)) {
          return send(res, 403, 'text/plain', NEEDS_LAUNCH_KEY)
        }
        return send(res, 200, contentTypeOf('index.html'), page)
      }
      const path = decodedPath(url.pathname)
      if (path === null) return send(res, 400, 'text/plain', 'Bad address')
      const file = normalize(join(root, path))
      if (!file.startsWith(root + sep)) return send(res, 404, 'text/plain', 'Not found')
      try {
        const body = await readFile(file)
        return send(res, 200, contentTypeOf(file), body)
      } catch {
        return send(res, 404, 'text/plain', 'Not found')
      }
    })().catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'Server error')
    })
  })

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, '127.0.0.1', done)
  })
  const { port } = server.address() as AddressInfo
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  key = new PageKey(port)
  const origin = `http://127.0.0.1:${port}/`
  return {
    url: `${origin}?launch=${key.launchKey}`,
    origin,
    token,
    cookie: key.cookieHeader(),
    connection: options.connection,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
