import { linkContract, type LinkInfo, type LinkMethod } from '../../shared/contract/link'
import type { RpcResult } from '../../shared/rpc'
import type { PushSource, RpcTransport } from '../web/http-adapter'
import {
  DeskLink,
  hostUrl,
  pairWithHost,
  probeHost,
  type DeskCredentials,
  type HostProbe,
} from './desk-client'
import { deskPush } from './desk-push'
import { discoverHosts } from './discovery'
import { DEFAULT_HOST_PORT } from './wire'

/** Where a desk keeps its pairing: encrypted with safeStorage in Electron, memory in tests. */
export interface DeskStore {
  load(): DeskCredentials | null
  save(credentials: DeskCredentials): void
  clear(): void
}

/** This computer as a host: its window's connection and its change events. */
export interface HostSide {
  connection: RpcTransport
  push: PushSource
  clinicName(): Promise<string>
}

export interface LinkShellOptions {
  store: DeskStore
  /**
   * Opens (creating if need be) the clinic file here; only when this computer hosts. With a
   * recovery key when the keystore could not unlock it (NeedsRecoveryKeyError).
   */
  openHost(unlock?: { recoveryKey: string }): Promise<HostSide>
  /** True when this computer already keeps a clinic file: it hosts, no question asked. */
  hasClinicHere: boolean
}

function fail(message: string, path?: string): RpcResult {
  return {
    ok: false,
    error: {
      code: 'invalid_input',
      message,
      ...(path ? { fieldErrors: [{ path, message }] } : {}),
    },
  }
}

/**
 * The one transport a window talks to, whichever this computer turns out to be (issue 15):
 * the first-start choice, then either the clinic here (host) or a link to a host (desk).
 * `link.*` methods are answered here, validated like any other; everything else goes on.
 */
export class LinkShell implements RpcTransport {
  #host: HostSide | null = null
  #desk: DeskLink | null = null
  /** The clinic file here waits for its recovery key (issue 12). */
  #needsRecovery = false
  readonly #probes = new Map<string, HostProbe>()

  private constructor(private readonly options: LinkShellOptions) {}

  static async start(options: LinkShellOptions): Promise<LinkShell> {
    const shell = new LinkShell(options)
    const saved = options.store.load()
    if (saved) shell.#desk = new DeskLink(saved)
    else if (options.hasClinicHere) {
      try {
        shell.#host = await options.openHost()
      } catch (error) {
        if ((error as Error).name !== 'NeedsRecoveryKeyError') throw error
        shell.#needsRecovery = true
      }
    }
    return shell
  }

  get desk(): DeskLink | null {
    return this.#desk
  }

  /** Events for a window: the host's changes, or the desk link's events and state. */
  push: PushSource = (send) => {
    if (this.#host) return this.#host.push(send)
    if (this.#desk) return deskPush(this.#desk)(send)
    return () => {}
  }

  async call(method: string, input: unknown): Promise<RpcResult> {
    if (Object.hasOwn(linkContract, method)) {
      const spec = linkContract[method as LinkMethod]
      const parsed = spec.input.safeParse(input ?? {})
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: 'Please correct the highlighted fields.',
            fieldErrors: parsed.error.issues.map((i) => ({
              path: i.path.map(String).join('.'),
              message: i.message,
            })),
          },
        }
      }
      return this.#local(method as LinkMethod, parsed.data as Record<string, string>)
    }
    if (this.#desk) return this.#desk.call(method, input)
    if (this.#host) return this.#host.connection.call(method, input)
    const message = this.#needsRecovery
      ? 'Unlock the clinic file with its recovery key first.'
      : 'Set up or join a clinic first.'
    return { ok: false, error: { code: 'unauthenticated', message } }
  }

  async #info(): Promise<LinkInfo> {
    if (this.#desk) {
      const c = this.#desk.credentials
      return { mode: 'desk', clinicName: c.clinicName, hostUrl: c.url, deskName: c.deskName }
    }
    if (this.#host) {
      return {
        mode: 'host',
        clinicName: await this.#host.clinicName(),
        hostUrl: null,
        deskName: null,
      }
    }
    const mode = this.#needsRecovery ? 'recovery' : 'choosing'
    return { mode, clinicName: null, hostUrl: null, deskName: null }
  }

  async #local(method: LinkMethod, input: Record<string, string>): Promise<RpcResult> {
    const chosen = this.#host !== null || this.#desk !== null || this.#needsRecovery
    switch (method) {
      case 'link.info':
        return { ok: true, value: await this.#info() }
      case 'link.discover':
        return { ok: true, value: chosen ? [] : await discoverHosts(2500) }
      case 'link.probe': {
        if (chosen) return fail('This computer has already chosen its clinic.')
        let url: string
        try {
          url = hostUrl(input['address']!, DEFAULT_HOST_PORT)
        } catch {
          return fail('That is not an address, e.g. 192.168.1.20', 'address')
        }
        const probe = await probeHost(url)
        if (!probe.ok) return fail(probe.error.message, 'address')
        this.#probes.set(probe.value.url, probe.value)
        const { certPem: _pem, ...shown } = probe.value
        return { ok: true, value: shown }
      }
      case 'link.pair': {
        if (chosen) return fail('This computer has already chosen its clinic.')
        // Pinned to the certificate the person was shown, never one fetched afresh.
        const probe = this.#probes.get(input['url']!)
        if (!probe) return fail('Look the host up first.', 'url')
        const paired = await pairWithHost(probe, input['code']!, input['deskName']!)
        if (!paired.ok) return paired
        try {
          this.options.store.save(paired.value)
        } catch (error) {
          return fail(`Plinth could not keep the pairing: ${(error as Error).message}`)
        }
        this.#desk = new DeskLink(paired.value)
        return { ok: true, value: await this.#info() }
      }
      case 'link.leave':
        // Only a desk can leave (to pair again, e.g. after a revoke); a host keeps its clinic.
        if (this.#desk) {
          this.options.store.clear()
          this.#desk.close()
          this.#desk = null
          this.#probes.clear()
        }
        return { ok: true, value: await this.#info() }
      case 'link.recover': {
        if (!this.#needsRecovery) return fail('The clinic file is not waiting for a recovery key.')
        try {
          this.#host = await this.options.openHost({ recoveryKey: input['recoveryKey']! })
        } catch (error) {
          if ((error as Error).name === 'RecoveryKeyError') {
            return fail((error as Error).message, 'recoveryKey')
          }
          return {
            ok: false,
            error: {
              code: 'internal',
              message: `Plinth could not open the clinic file: ${(error as Error).message}`,
            },
          }
        }
        this.#needsRecovery = false
        return { ok: true, value: await this.#info() }
      }
      case 'link.hostHere':
        if (!chosen) {
          try {
            this.#host = await this.options.openHost()
          } catch (error) {
            return {
              ok: false,
              error: {
                code: 'internal',
                message: `Plinth could not create the clinic here: ${(error as Error).message}`,
              },
            }
          }
        }
        return { ok: true, value: await this.#info() }
    }
  }

  close(): void {
    this.#desk?.close()
  }
}
