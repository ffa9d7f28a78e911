import { createServer, type Server } from 'node:https'
import { networkInterfaces } from 'node:os'
import type { AddressInfo } from 'node:net'
import type { Kysely } from 'kysely'
import type { NetworkStatus } from '../../shared/contract/network'
import { PLINTH_VERSION } from '../../shared/version'
import type { DB } from '../db/schema'
import type { Logger } from '../log'
import type { NetworkControl } from '../rpc/context'
import type { StaffConnection } from '../rpc/staff-connection'
import type { ChangeFeed } from '../services/change-feed'
import {
  ensureHostIdentity,
  getDeskHostSettings,
  readHostIdentity,
} from '../services/desks/host-identity'
import { AttemptLimiter, PairingCodes } from '../services/desks/pairing-codes'
import { getClinicSettings } from '../services/settings'
import { answerDeskRequest, type DeskSlot } from './host-requests'
import { sendError } from './wire'

export interface DeskHostOptions {
  db: () => Kysely<DB>
  /** A fresh connection for a desk, auditing under the name `workstation()` returns. */
  connect(workstation: () => string): StaffConnection
  changes: ChangeFeed
  log: Logger
  now: () => Date
  /**
   * Where to listen: all interfaces by default (requests from outside the private ranges
   * are refused per request); tests pass 127.0.0.1.
   */
  bindAddress?: string
  version?: string
  /** The integrity check found the file damaged: pairing stops (see HostRequestDeps). */
  damaged?: () => boolean
}

/** Told when the server starts (with its port) or stops (null): mDNS publishing follows it. */
export type ListeningListener = (listening: { port: number; clinicName: string } | null) => void

/**
 * The host's side of the desk link (issue 15): a TLS 1.3 server that listens only while
 * sharing is on, the pairing code, and one StaffConnection per desk, so each desk has its
 * own sign-in and idle lock, enforced here.
 */
export class DeskHost implements NetworkControl {
  readonly codes: PairingCodes
  readonly #limiter: AttemptLimiter
  readonly #slots = new Map<number, DeskSlot>()
  #server: Server | null = null
  #port: number | null = null
  #fingerprint: string | null = null
  #problem: string | null = null
  #applying: Promise<void> = Promise.resolve()
  /** Set by the Electron glue and the headless host, never by tests: they do not announce. */
  onListening: ListeningListener | null = null

  constructor(private readonly options: DeskHostOptions) {
    this.codes = new PairingCodes(options.now)
    this.#limiter = new AttemptLimiter(options.now)
  }

  get port(): number | null {
    return this.#port
  }

  get fingerprint(): string | null {
    return this.#fingerprint
  }

  /** Listens on `port` (0: any free port) with the clinic's certificate, made if need be. */
  async start(port: number): Promise<{ port: number; fingerprint: string }> {
    await this.stop()
    const { db, now, log } = this.options
    const clinicName = async () => (await getClinicSettings(db())).clinicName
    const identity = await ensureHostIdentity(db(), await clinicName(), now())
    const server = createServer(
      {
        key: identity.keyPem,
        cert: identity.certPem,
        minVersion: 'TLSv1.3',
        requestTimeout: 60_000,
        headersTimeout: 15_000,
        keepAliveTimeout: 30_000,
        maxHeaderSize: 8 * 1024,
      },
      (req, res) => {
        answerDeskRequest(
          {
            db,
            log,
            now,
            version: this.options.version ?? PLINTH_VERSION,
            fingerprint: identity.fingerprint,
            clinicName,
            codes: this.codes,
            limiter: this.#limiter,
            slot: (id, name, address) => this.#slot(id, name, address),
            subscribe: (listener, except) => this.options.changes.subscribe(listener, except),
            onPaired: () => this.options.changes.publish('network.pair', now()),
            ...(this.options.damaged ? { damaged: this.options.damaged } : {}),
          },
          req,
          res,
        ).catch((error: unknown) => {
          log.error('desk request failed', { error: String(error) })
          if (!res.headersSent) {
            sendError(res, 500, { code: 'internal', message: 'The host could not answer.' })
          } else res.destroy()
        })
      },
    )
    server.maxConnections = 256
    await new Promise<void>((done, fail) => {
      server.once('error', fail)
      server.listen(port, this.options.bindAddress ?? '0.0.0.0', () => {
        server.off('error', fail)
        done()
      })
    })
    server.on('error', (error) => log.error('desk link server error', { error: String(error) }))
    this.#server = server
    this.#port = (server.address() as AddressInfo).port
    this.#fingerprint = identity.fingerprint
    this.#problem = null
    this.onListening?.({ port: this.#port, clinicName: await clinicName() })
    return { port: this.#port, fingerprint: identity.fingerprint }
  }

  /** Stops listening and drops every desk's connection and event stream. */
  async stop(): Promise<void> {
    const server = this.#server
    if (!server) return
    this.#server = null
    this.#port = null
    for (const slot of this.#slots.values()) for (const res of slot.streams) res.destroy()
    this.#slots.clear()
    this.onListening?.(null)
    await new Promise<void>((done) => {
      server.close(() => done())
      server.closeAllConnections()
    })
  }

  apply(): void {
    this.#applying = this.#applying.then(async () => {
      const { sharing, port } = await getDeskHostSettings(this.options.db())
      try {
        if (!sharing) await this.stop()
        else if (this.#port !== port) await this.start(port)
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        this.#problem =
          code === 'EADDRINUSE'
            ? `Port ${port} is in use by another program. Choose another port.`
            : `Plinth could not listen on port ${port} (${code ?? String(error)}).`
        this.options.log.error('could not share the clinic', { port, error: String(error) })
      }
    })
  }

  /** Resolves once every apply() asked for so far has finished (tests, quitting). */
  settled(): Promise<void> {
    return this.#applying
  }

  issuePairingCode(): void {
    this.codes.issue()
  }

  forget(deskId: number): void {
    const slot = this.#slots.get(deskId)
    if (!slot) return
    for (const res of slot.streams) res.destroy()
    slot.connection.end()
    this.#slots.delete(deskId)
  }

  async status(db: Kysely<DB>): Promise<NetworkStatus> {
    const settings = await getDeskHostSettings(db)
    const identity = await readHostIdentity(db)
    const pairing = this.#server ? this.codes.current() : null
    const listening = this.#server !== null
    return {
      sharing: settings.sharing,
      port: settings.port,
      listening,
      problem: settings.sharing ? this.#problem : null,
      fingerprint: identity?.fingerprint ?? null,
      pairing: pairing ? { code: pairing.code, expiresAt: pairing.expiresAt.toISOString() } : null,
      addresses: listening ? lanAddresses(this.#port!) : [],
    }
  }

  #slot(id: number, name: string, address: string): DeskSlot {
    let slot = this.#slots.get(id)
    if (!slot) {
      const created: DeskSlot = {
        id,
        name,
        connection: this.options.connect(() => created.name),
        lastTouch: 0,
        lastAddress: address,
        streams: new Set(),
      }
      slot = created
      this.#slots.set(id, slot)
    }
    return slot
  }
}

/** https://ADDRESS:PORT for each of this computer's IPv4 network addresses. */
export function lanAddresses(port: number): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => `https://${a!.address}:${port}`)
}
