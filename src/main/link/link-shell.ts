import { join } from 'node:path'
import type { z } from 'zod'
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
import { isKeptSave } from '../../shared/kept-saves'
import { DeskKeeper, keptFile, type KeptFile } from './desk-keeper'
import { deskPush } from './desk-push'
import { DeskSession } from './desk-session'
import type { Cipher } from './desk-store'
import { discoverHosts } from './discovery'
import { KeptDaySheet, keptSheetFile, type KeptSheetFile } from './kept-day-sheet'
import { processKeyCipher, sealedFile } from './sealed-file'
import { DEFAULT_HOST_PORT } from './wire'
import type { ClinicFileProblem, RescueChoice } from '../../shared/contract/rescue'
import { rescueFailure } from './rescue-failure'

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

/** How to open the clinic here after start-up asked: a recovery key, a rescue choice. */
export interface HostOpening {
  /** The keystore could not unlock it (NeedsRecoveryKeyError). */
  recoveryKey?: string
  /** It was missing or damaged (ClinicFileProblemError): restore a backup, or start anew. */
  rescue?: RescueChoice
}

export interface LinkShellOptions {
  store: DeskStore
  /**
   * Opens (creating if need be) the clinic file here; only when this computer hosts. It may
   * throw NeedsRecoveryKeyError or ClinicFileProblemError: the window then asks.
   */
  openHost(opening?: HostOpening): Promise<HostSide>
  /** True when this computer already keeps a clinic file: it hosts, no question asked. */
  hasClinicHere: boolean
  /**
   * Where a desk keeps typing and the last day sheet while its host is away, sealed by
   * `cipher` (safeStorage in Electron). No folder: memory only (tests).
   */
  keep?: { dir: string | null; cipher: Cipher }
  now?: () => Date
  /** Told when a desk could not seal what it keeps on disk (it keeps it in memory). */
  onSealFailed?: (error: unknown) => void
}

/** A joined desk: its link to the host and what it keeps while the host is away. */
interface Desk {
  link: DeskLink
  session: DeskSession
  keeper: DeskKeeper
  daySheet: KeptDaySheet
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
  #desk: Desk | null = null
  /** The clinic file here waits for its recovery key (issue 12). */
  #needsRecovery = false
  /** The clinic file here is missing or damaged and waits for a choice (issue 12). */
  #problem: ClinicFileProblem | null = null
  readonly #probes = new Map<string, HostProbe>()

  private constructor(private readonly options: LinkShellOptions) {}

  static async start(options: LinkShellOptions): Promise<LinkShell> {
    const shell = new LinkShell(options)
    const saved = options.store.load()
    if (saved) shell.#join(saved)
    else if (options.hasClinicHere) {
      try {
        shell.#host = await options.openHost()
      } catch (error) {
        if (shell.#asks(error)) return shell
        if ((error as Error).name !== 'NeedsRecoveryKeyError') throw error
        shell.#needsRecovery = true
      }
    }
    return shell
  }

  /** Whether opening failed in a way the window asks about (a missing or damaged file). */
  #asks(error: unknown): boolean {
    if ((error as Error | null)?.name !== 'ClinicFileProblemError') return false
    this.#problem = (error as { problem: ClinicFileProblem }).problem
    this.#needsRecovery = false
    return true
  }

  /** Opens the clinic here; a missing or damaged file turns this shell to the rescue screen. */
  async #openHost(opening?: HostOpening): Promise<RpcResult> {
    try {
      this.#host = await this.options.openHost(opening)
    } catch (error) {
      if (this.#asks(error)) return { ok: true, value: await this.#info() }
      throw error
    }
    this.#problem = null
    this.#needsRecovery = false
    return { ok: true, value: await this.#info() }
  }

  get desk(): DeskLink | null {
    return this.#desk?.link ?? null
  }

  /** What this desk keeps while its host is away (null on a host). */
  get keeper(): DeskKeeper | null {
    return this.#desk?.keeper ?? null
  }

  #join(credentials: DeskCredentials): void {
    const { dir = null, cipher = processKeyCipher() } = this.options.keep ?? {}
    const now = this.options.now ?? (() => new Date())
    const link = new DeskLink(credentials)
    const session = new DeskSession()
    const file = <T>(name: string, schema: z.ZodType<T>) =>
      sealedFile(dir === null ? null : join(dir, name), cipher, schema)
    this.#desk = {
      link,
      session,
      keeper: new DeskKeeper({
        file: file<KeptFile>('desk-kept-saves.bin', keptFile),
        fingerprint: credentials.fingerprint,
        session,
        forward: (method, input, options) => link.call(method, input, options),
        now,
        onSealFailed: (error) => this.options.onSealFailed?.(error),
      }),
      daySheet: new KeptDaySheet(
        file<KeptSheetFile>('desk-day-sheet.bin', keptSheetFile),
        credentials.fingerprint,
        session,
        now,
      ),
    }
  }

  /** Calls of a joined desk: kept saves through the keeper, all heard on the way back. */
  async #forward(desk: Desk, method: string, input: unknown): Promise<RpcResult> {
    if (isKeptSave(method)) {
      const kept = await desk.keeper.save(method, input)
      desk.session.observe(method, kept)
      return kept
    }
    const result = await desk.link.call(method, input)
    desk.session.observe(method, result)
    desk.daySheet.heard(method, result)
    const signedIn =
      result.ok &&
      (method === 'auth.signIn' || method === 'auth.unlock') &&
      (result.value as { status: string }).status === 'signed-in'
    // Typing kept while the host was away is saved before the window reads anything again.
    if (signedIn) await desk.keeper.replay()
    else desk.keeper.heard(result)
    return result
  }

  /** Events for a window: the host's changes, or the desk link's events and state. */
  push: PushSource = (send) => {
    if (this.#host) return this.#host.push(send)
    if (this.#desk) {
      const stopLink = deskPush(this.#desk.link)(send)
      // What the desk keeps changed (saved at last, or a conflict): the window refetches.
      const stopKept = this.#desk.keeper.onChange(() =>
        send({
          type: 'change',
          event: { seq: 0, method: 'link.kept', at: new Date().toISOString() },
        }),
      )
      return () => {
        stopLink()
        stopKept()
      }
    }
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
    if (this.#desk) return this.#forward(this.#desk, method, input)
    if (this.#host) return this.#host.connection.call(method, input)
    const message = this.#problem
      ? 'The clinic database is missing or damaged: choose a backup to restore first.'
      : this.#needsRecovery
        ? 'Unlock the clinic file with its recovery key first.'
        : 'Set up or join a clinic first.'
    return { ok: false, error: { code: 'unauthenticated', message } }
  }

  async #info(): Promise<LinkInfo> {
    if (this.#desk) {
      const c = this.#desk.link.credentials
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
    const mode = this.#problem ? 'rescue' : this.#needsRecovery ? 'recovery' : 'choosing'
    return { mode, clinicName: null, hostUrl: null, deskName: null }
  }

  async #local(method: LinkMethod, input: Record<string, string>): Promise<RpcResult> {
    const chosen =
      this.#host !== null || this.#desk !== null || this.#needsRecovery || this.#problem !== null
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
        this.#join(paired.value)
        return { ok: true, value: await this.#info() }
      }
      case 'link.leave':
        // Only a desk can leave (to pair again, e.g. after a revoke); a host keeps its clinic.
        // What it kept stays sealed on disk, tied to that host's fingerprint: pairing with
        // the same clinic again sends it; another clinic never sees it.
        if (this.#desk) {
          this.options.store.clear()
          this.close()
          this.#desk = null
          this.#probes.clear()
        }
        return { ok: true, value: await this.#info() }
      case 'link.recover': {
        if (!this.#needsRecovery) return fail('The clinic file is not waiting for a recovery key.')
        try {
          return await this.#openHost({ recoveryKey: input['recoveryKey']! })
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
      }
      case 'link.rescueInfo':
        return { ok: true, value: this.#problem }
      case 'link.rescue': {
        if (!this.#problem) return fail('The clinic file opened; there is nothing to rescue.')
        try {
          return await this.#openHost({ rescue: input as unknown as RescueChoice })
        } catch (error) {
          return rescueFailure(error)
        }
      }
      case 'link.kept':
        return { ok: true, value: this.#desk?.keeper.list() ?? [] }
      case 'link.dropKept':
        return {
          ok: true,
          value: { dropped: (await this.#desk?.keeper.drop(input['key']!)) ?? false },
        }
      case 'link.lastDaySheet':
        return { ok: true, value: this.#desk?.daySheet.last() ?? null }
      case 'link.hostHere':
        if (!chosen) {
          try {
            return await this.#openHost()
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
    this.#desk?.link.close()
    this.#desk?.keeper.close()
  }
}
