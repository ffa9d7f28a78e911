import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { KEPT_SAVES, isKeptSave, type KeptSaveMethod } from '../../shared/kept-saves'
import type { RpcResult } from '../../shared/rpc'
import type { DeskSession } from './desk-session'
import type { SealedValue } from './sealed-file'

/** Sends one call to the host (DeskLink.call). */
export type Forward = (
  method: string,
  input: unknown,
  options?: { requestId?: string },
) => Promise<RpcResult>

const savedInput = z.looseObject({ id: z.number().int(), baseRevision: z.number().int() })
type SaveInput = z.output<typeof savedInput>

const keptEntry = z.object({
  key: z.string(),
  method: z.string().refine(isKeptSave),
  recordId: z.number().int(),
  userId: z.number().int(),
  /** The host it was typed for: typing for one clinic is never sent to another. */
  fingerprint: z.string(),
  keptAt: z.string(),
  /** The revision the window's typing was based on. */
  from: z.number().int(),
  /** Sent, and no answer heard: it may be saved on the host already (it died meanwhile). */
  sent: z.object({ requestId: z.string(), input: savedInput }).nullable(),
  /** The newest typing, not yet sent. */
  typed: savedInput.nullable(),
  /** waiting: to be sent; conflict: changed elsewhere, a person chooses; refused: see message. */
  state: z.enum(['waiting', 'conflict', 'refused']),
  message: z.string().nullable(),
})
type KeptEntry = z.output<typeof keptEntry>
export const keptFile = z.object({ entries: z.array(keptEntry) })
export type KeptFile = z.output<typeof keptFile>

/** A kept save as the window shows it: its state, and the typing itself. */
export interface KeptView {
  key: string
  method: KeptSaveMethod
  what: string
  recordId: number
  keptAt: string
  state: KeptEntry['state']
  message: string | null
  input: SaveInput
}

export const KEPT_ANSWER: RpcResult = {
  ok: false,
  error: {
    code: 'kept_on_desk',
    message:
      'Host unreachable — your typing is kept on this desk and will be saved when it returns.',
  },
}

const AWAY = new Set(['unreachable', 'unauthenticated'])
const newRequestId = () => randomBytes(18).toString('base64url')
const sameTyping = (a: SaveInput, b: SaveInput) =>
  JSON.stringify({ ...a, baseRevision: 0 }) === JSON.stringify({ ...b, baseRevision: 0 })

export interface DeskKeeperOptions {
  file: SealedValue<KeptFile>
  fingerprint: string
  session: DeskSession
  forward: Forward
  now: () => Date
  /** Told when what is kept could not be sealed on disk (it is still kept in memory). */
  onSealFailed?: (error: unknown) => void
}

/**
 * Keeps what a desk's autosaving forms send while the host is away, sealed on this desk,
 * and sends it when the host is back (issue 15: nothing typed is lost). The host's
 * revision check settles what happened meanwhile: a save built on a revision that is no
 * longer current is refused there, kept here as a conflict, and shown beside the saved
 * version for a person to choose; nothing is written over silently. Each send carries a
 * request id, so a save the host applied just before it died is not applied twice.
 */
export class DeskKeeper {
  #entries: KeptEntry[]
  #queue: Promise<unknown> = Promise.resolve()
  #timer: NodeJS.Timeout | null = null
  #delay = 1000
  #awayAnswer: RpcResult = KEPT_ANSWER
  readonly #listeners = new Set<() => void>()
  /** Per record: what this desk last saved on the window's behalf while it was away. */
  readonly #caughtUp = new Map<string, { from: number; input: SaveInput; answer: unknown }>()

  constructor(private readonly options: DeskKeeperOptions) {
    this.#entries = options.file.read()?.entries ?? []
  }

  /** A kept save from the window: sent now if the host answers, kept if it does not. */
  save(method: KeptSaveMethod, input: unknown): Promise<RpcResult> {
    const parsed = savedInput.safeParse(input)
    const user = this.options.session.current
    // Not a well-formed save, or nobody known to be signed in: the host answers as it will.
    if (!parsed.success || !user) return this.options.forward(method, input)
    return this.#serial(() => this.#save(method, parsed.data, user.userId))
  }

  async #save(method: KeptSaveMethod, typed: SaveInput, userId: number): Promise<RpcResult> {
    const key = `${method}:${typed.id}`
    let entry = this.#mine().find((e) => e.key === key) ?? null
    if (entry?.state === 'waiting') {
      // Earlier typing goes first: it may be on the host already, and this builds on it.
      const outcome = await this.#settle(entry)
      if (outcome !== 'saved') {
        entry.typed = typed
        entry.keptAt = this.options.now().toISOString()
        this.#persist()
        return outcome === 'kept' ? this.#awayAnswer : this.#refusal(entry)
      }
      entry = null
    }
    const caught = this.#caughtUp.get(key)
    const input =
      caught?.from === typed.baseRevision
        ? { ...typed, baseRevision: revisionOf(caught.answer) }
        : typed
    // The window resends what this desk already saved for it: answer, do not save it twice.
    if (caught && input !== typed && sameTyping(input, caught.input)) {
      return { ok: true, value: caught.answer }
    }
    const requestId = newRequestId()
    const result = await this.options.forward(method, input, { requestId })
    if (result.ok) {
      this.#caughtUp.delete(key)
      if (entry) this.#remove(entry)
      return result
    }
    if (!AWAY.has(result.error.code) && result.error.code !== 'conflict') return result
    entry ??= this.#add(method, typed, userId)
    entry.keptAt = this.options.now().toISOString()
    if (result.error.code === 'conflict') {
      Object.assign(entry, { state: 'conflict', message: result.error.message })
      Object.assign(entry, { sent: null, typed: input })
    } else {
      Object.assign(entry, { state: 'waiting', message: null, from: typed.baseRevision })
      Object.assign(entry, { sent: { requestId, input }, typed: null })
      this.#retryLater()
    }
    this.#persist()
    return result.error.code === 'unreachable' ? KEPT_ANSWER : result
  }

  /**
   * Sends every waiting save of whoever is signed in, oldest first. Run after a sign-in
   * (awaited, so what the window reads next includes them) and whenever the host answers.
   */
  replay(): Promise<void> {
    return this.#serial(async () => {
      for (const entry of this.#mine().filter((e) => e.state === 'waiting')) {
        if ((await this.#settle(entry)) === 'kept') return this.#retryLater()
      }
      this.#delay = 1000
    })
  }

  /** Told of each answer the host gave to another call: it is back, so send what waits. */
  heard(result: RpcResult): void {
    if (!result.ok && result.error.code === 'unreachable') return
    if (this.#mine().some((e) => e.state === 'waiting')) void this.replay()
  }

  /** The signed-in person's kept saves on this desk, for the window. */
  list(): KeptView[] {
    return this.#mine().map((e) => ({
      key: e.key,
      method: e.method as KeptSaveMethod,
      what: KEPT_SAVES[e.method as KeptSaveMethod].what,
      recordId: e.recordId,
      keptAt: e.keptAt,
      state: e.state,
      message: e.message,
      input: e.typed ?? e.sent!.input,
    }))
  }

  /** Forgets a kept save the person chose not to keep (conflict or refused only). */
  drop(key: string): Promise<boolean> {
    return this.#serial(async () => {
      const entry = this.#mine().find((e) => e.key === key && e.state !== 'waiting')
      if (entry) this.#remove(entry)
      return entry !== undefined
    })
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }

  /** Sends an entry's unanswered save (same request id), then its newest typing. */
  async #settle(entry: KeptEntry): Promise<'saved' | 'kept' | 'conflict' | 'refused'> {
    let base: number | null = null
    for (;;) {
      if (!entry.sent) {
        if (!entry.typed) break
        const caught = this.#caughtUp.get(entry.key)
        const from =
          base ?? (caught?.from === entry.typed.baseRevision ? revisionOf(caught.answer) : null)
        entry.sent = {
          requestId: newRequestId(),
          input: from === null ? entry.typed : { ...entry.typed, baseRevision: from },
        }
        entry.typed = null
        this.#persist()
      }
      const { requestId, input } = entry.sent
      const result = await this.options.forward(entry.method, input, { requestId })
      if (result.ok) {
        base = revisionOf(result.value)
        this.#caughtUp.set(entry.key, { from: entry.from, input, answer: result.value })
        entry.sent = null
        continue
      }
      if (AWAY.has(result.error.code)) {
        // Signed out on the host (it restarted): the window must hear that, to sign in again.
        this.#awayAnswer = result.error.code === 'unreachable' ? KEPT_ANSWER : result
        return 'kept'
      }
      const state = result.error.code === 'conflict' ? 'conflict' : 'refused'
      Object.assign(entry, { state, message: result.error.message, sent: null })
      entry.typed ??= input
      this.#persist()
      return state
    }
    this.#remove(entry)
    return 'saved'
  }

  #refusal(entry: KeptEntry): RpcResult {
    return {
      ok: false,
      error: {
        code: entry.state === 'conflict' ? 'conflict' : 'rule_broken',
        message: entry.message ?? '',
      },
    }
  }

  #mine(): KeptEntry[] {
    const user = this.options.session.current
    if (!user) return []
    return this.#entries.filter(
      (e) => e.userId === user.userId && e.fingerprint === this.options.fingerprint,
    )
  }

  #add(method: KeptSaveMethod, typed: SaveInput, userId: number): KeptEntry {
    const entry: KeptEntry = {
      key: `${method}:${typed.id}`,
      method,
      recordId: typed.id,
      userId,
      fingerprint: this.options.fingerprint,
      keptAt: this.options.now().toISOString(),
      from: typed.baseRevision,
      sent: null,
      typed,
      state: 'waiting',
      message: null,
    }
    this.#entries.push(entry)
    return entry
  }

  #remove(entry: KeptEntry): void {
    this.#entries = this.#entries.filter((e) => e !== entry)
    this.#persist()
  }

  #persist(): void {
    try {
      if (this.#entries.length === 0) this.options.file.remove()
      else this.options.file.write({ entries: this.#entries })
    } catch (error) {
      // No keystore or no room on disk: the typing stays kept in memory while the desk runs.
      this.options.onSealFailed?.(error)
    }
    for (const listener of this.#listeners) listener()
  }

  /** Tries again later, 1 s doubling to 15 s, while something waits for the host. */
  #retryLater(): void {
    if (this.#timer) return
    this.#timer = setTimeout(() => {
      this.#timer = null
      void this.replay()
    }, this.#delay)
    this.#timer.unref()
    this.#delay = Math.min(this.#delay * 2, 15_000)
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work)
    this.#queue = next.catch(() => undefined)
    return next
  }
}

function revisionOf(answer: unknown): number {
  return (answer as { revision: number }).revision
}
