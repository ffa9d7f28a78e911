import { Agent, request } from 'node:https'
import { connect as tlsConnect, type PeerCertificate } from 'node:tls'
import { X509Certificate } from 'node:crypto'
import type { ChangeEvent, LinkState } from '../../shared/change-events'
import type { RpcErrorBody, RpcResult } from '../../shared/rpc'
import { PLINTH_VERSION } from '../../shared/version'
import { LINK_PATHS, VERSION_HEADER } from './wire'

/** What a desk keeps after pairing (encrypted with safeStorage by the Electron glue). */
export interface DeskCredentials {
  /** e.g. https://192.168.1.20:47150 */
  url: string
  /** The host certificate, pinned: the desk trusts this one certificate and nothing else. */
  certPem: string
  fingerprint: string
  /** This desk's own credential; the host keeps only its hash. */
  token: string
  deskName: string
  clinicName: string
}

/** What a desk learns from a host before pairing: shown so a person can compare. */
export interface HostProbe {
  url: string
  certPem: string
  fingerprint: string
  clinicName: string
  version: string
}

const CALL_TIMEOUT_MS = 30_000
/**
 * The host's change stream carries a heartbeat every 2 s (host-requests.ts HEARTBEAT_MS):
 * this long without a byte means the host has stopped answering (hung, or its computer
 * asleep) though the connection still looks open. The stream is then dropped (the "host
 * unreachable" banner shows) and calls waiting on the host are answered as unreachable at
 * once, so a kept save waits on the desk instead of "Booking…" spinning to the 30 s limit
 * (a user trial, with a caller on the line).
 */
export const STREAM_SILENCE_MS = 6_000
const PROBE_TIMEOUT_MS = 5_000

function pinnedAgent(certPem: string, fingerprint: string): Agent {
  return new Agent({
    ca: certPem,
    minVersion: 'TLSv1.3',
    // The certificate is trusted because it is the pinned one, not because of a host name.
    checkServerIdentity: (_host: string, cert: PeerCertificate) =>
      cert.fingerprint256 === fingerprint ? undefined : new FingerprintMismatch(),
    keepAlive: true,
    maxSockets: 16,
  })
}

class FingerprintMismatch extends Error {
  constructor() {
    super('The host certificate is not the pinned one')
  }
}

function isTrustFailure(error: unknown): boolean {
  if (error instanceof FingerprintMismatch) return true
  const code = (error as NodeJS.ErrnoException).code ?? ''
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)
}

function unreachable(where: string): RpcErrorBody {
  return {
    code: 'unreachable',
    message: `The clinic's host at ${where} cannot be reached. Check that it is switched on and on the network; Plinth keeps trying.`,
  }
}

function untrusted(where: string): RpcErrorBody {
  return {
    code: 'not_paired',
    message: `The computer answering at ${where} is not the clinic host this computer paired with: its certificate fingerprint is different. Do not go on; ask the clinic owner.`,
  }
}

/** One HTTPS request over the pinned agent, answered as an RpcResult whatever happens. */
function exchange(
  agent: Agent,
  base: string,
  path: string,
  options: {
    method: 'GET' | 'POST'
    body?: unknown
    token?: string
    timeoutMs: number
    /** Aborted when the host is found silent: the call is answered as unreachable. */
    signal?: AbortSignal
  },
): Promise<RpcResult> {
  const url = new URL(path, base)
  const body = options.body === undefined ? undefined : JSON.stringify(options.body)
  return new Promise((done) => {
    const req = request(
      url,
      {
        agent,
        method: options.method,
        timeout: options.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
        headers: {
          [VERSION_HEADER]: PLINTH_VERSION,
          ...(body
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', () => done({ ok: false, error: unreachable(url.host) }))
        res.on('end', () => {
          try {
            done(JSON.parse(Buffer.concat(chunks).toString('utf8')) as RpcResult)
          } catch {
            done({ ok: false, error: unreachable(url.host) })
          }
        })
      },
    )
    req.on('timeout', () => req.destroy(new Error('timed out')))
    req.on('error', (error) =>
      done({
        ok: false,
        error: isTrustFailure(error) ? untrusted(url.host) : unreachable(url.host),
      }),
    )
    req.end(body)
  })
}

/** "192.168.1.20", "host:47150" or a full URL, as https://HOST:PORT. */
export function hostUrl(typed: string, defaultPort: number): string {
  const withScheme = /^https?:\/\//i.test(typed.trim()) ? typed.trim() : `https://${typed.trim()}`
  const url = new URL(withScheme)
  url.protocol = 'https:'
  if (!url.port) url.port = String(defaultPort)
  return url.origin
}

/**
 * Connects to a host without trusting it yet, to read its certificate: the desk shows the
 * fingerprint for a person to compare with the host's screen, then pairs pinned to it.
 */
export async function probeHost(url: string): Promise<RpcResult<HostProbe>> {
  const { hostname, port } = new URL(url)
  const cert = await new Promise<PeerCertificate | null>((done) => {
    const socket = tlsConnect({
      host: hostname,
      port: Number(port),
      rejectUnauthorized: false,
      minVersion: 'TLSv1.3',
      timeout: PROBE_TIMEOUT_MS,
    })
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate()
      socket.end()
      done(peer && peer.raw ? peer : null)
    })
    socket.once('timeout', () => socket.destroy())
    socket.once('error', () => done(null))
    socket.once('close', () => done(null))
  })
  if (!cert) return { ok: false, error: unreachable(new URL(url).host) }
  const certPem = new X509Certificate(cert.raw).toString()
  const agent = pinnedAgent(certPem, cert.fingerprint256)
  try {
    const hello = await exchange(agent, url, LINK_PATHS.hello, {
      method: 'GET',
      timeoutMs: PROBE_TIMEOUT_MS,
    })
    if (!hello.ok) return hello as RpcResult<HostProbe>
    const value = hello.value as { clinicName: string; version: string }
    return {
      ok: true,
      value: {
        url,
        certPem,
        fingerprint: cert.fingerprint256,
        clinicName: String(value.clinicName),
        version: String(value.version),
      },
    }
  } finally {
    agent.destroy()
  }
}

/** Pairs with a probed host using the code on its screen; the credential comes back once. */
export async function pairWithHost(
  probe: HostProbe,
  code: string,
  deskName: string,
): Promise<RpcResult<DeskCredentials>> {
  const agent = pinnedAgent(probe.certPem, probe.fingerprint)
  try {
    const result = await exchange(agent, probe.url, LINK_PATHS.pair, {
      method: 'POST',
      body: { code, deskName },
      timeoutMs: PROBE_TIMEOUT_MS,
    })
    if (!result.ok) return result as RpcResult<DeskCredentials>
    const value = result.value as { token: string; clinicName: string }
    return {
      ok: true,
      value: {
        url: probe.url,
        certPem: probe.certPem,
        fingerprint: probe.fingerprint,
        token: value.token,
        deskName,
        clinicName: value.clinicName,
      },
    }
  } finally {
    agent.destroy()
  }
}

export type { LinkState }

/**
 * A paired desk's link to its host: every router call goes over it, and change events
 * come back on a long-lived event stream that reconnects with backoff (1 s doubling to
 * 15 s) whenever the host goes away.
 */
export class DeskLink {
  readonly #agent: Agent
  /** Aborted (and replaced) when the change stream falls silent: see STREAM_SILENCE_MS. */
  #hostSilent = new AbortController()

  constructor(readonly credentials: DeskCredentials) {
    this.#agent = pinnedAgent(credentials.certPem, credentials.fingerprint)
  }

  /**
   * One router call on the host. `requestId` (kept saves only, see shared/kept-saves.ts)
   * makes a resend safe: the host applies it once and answers every resend alike.
   */
  call(method: string, input: unknown, options: { requestId?: string } = {}): Promise<RpcResult> {
    return exchange(this.#agent, this.credentials.url, LINK_PATHS.rpc, {
      method: 'POST',
      body: options.requestId ? { method, input, requestId: options.requestId } : { method, input },
      token: this.credentials.token,
      timeoutMs: CALL_TIMEOUT_MS,
      signal: this.#hostSilent.signal,
    })
  }

  /** The host stopped answering: every call waiting on it is answered as unreachable now. */
  #giveUpWaiting(): void {
    this.#hostSilent.abort()
    this.#hostSilent = new AbortController()
  }

  /**
   * Listens for the host's change events until the returned stop() is called. `onState`
   * hears each change of link state (for the "host unreachable" banner); `detail` is the
   * host's or the desk's own words.
   */
  listen(
    onEvent: (event: ChangeEvent) => void,
    onState: (state: LinkState, detail: string | null) => void,
  ): () => void {
    let stopped = false
    let delay = 1000
    let timer: NodeJS.Timeout | null = null
    let current: ReturnType<typeof request> | null = null
    const { url, token } = this.credentials

    const retry = (state: LinkState, detail: string | null) => {
      if (stopped) return
      onState(state, detail)
      // Revoked or a different version: trying again changes nothing until a person acts,
      // but keep trying slowly so a re-pair or an update on the host is picked up.
      const wait = state === 'reconnecting' ? delay : 15_000
      delay = Math.min(delay * 2, 15_000)
      timer = setTimeout(open, wait)
    }

    const open = () => {
      if (stopped) return
      // One retry per attempt, however many of error / end / close fire for it.
      let finished = false
      const again = (state: LinkState, detail: string | null) => {
        if (finished) return
        finished = true
        retry(state, detail)
      }
      const req = request(new URL(LINK_PATHS.events, url), {
        agent: this.#agent,
        method: 'GET',
        headers: {
          [VERSION_HEADER]: PLINTH_VERSION,
          authorization: `Bearer ${token}`,
          accept: 'text/event-stream',
        },
      })
      current = req
      // No byte for this long, heartbeats included: a hung host (the socket stays open).
      req.setTimeout(STREAM_SILENCE_MS, () => {
        this.#giveUpWaiting()
        req.destroy(new Error('the host fell silent'))
      })
      req.on('response', (res) => {
        if (res.statusCode !== 200) {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            let error: RpcErrorBody | null = null
            try {
              error = (
                JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error: RpcErrorBody }
              ).error
            } catch {
              // An answer that is not ours: treat as unreachable.
            }
            const state: LinkState =
              error?.code === 'not_paired' || error?.code === 'version_mismatch'
                ? error.code
                : 'reconnecting'
            again(state, error?.message ?? null)
          })
          return
        }
        delay = 1000
        onState('connected', null)
        res.setEncoding('utf8')
        let buffer = ''
        res.on('data', (text: string) => {
          buffer += text
          if (buffer.length > 1_000_000) return res.destroy()
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const lines = block.split('\n')
            if (!lines.includes('event: change')) continue
            const data = lines.find((l) => l.startsWith('data: '))
            if (!data) continue
            try {
              onEvent(JSON.parse(data.slice(6)) as ChangeEvent)
            } catch {
              // A malformed event is skipped; the next refetch catches up anyway.
            }
          }
        })
        res.on('close', () => again('reconnecting', unreachable(new URL(url).host).message))
      })
      req.on('error', (error) =>
        again(
          isTrustFailure(error) ? 'not_paired' : 'reconnecting',
          (isTrustFailure(error) ? untrusted : unreachable)(new URL(url).host).message,
        ),
      )
      req.end()
    }

    open()
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
      current?.destroy()
    }
  }

  close(): void {
    this.#agent.destroy()
  }
}
