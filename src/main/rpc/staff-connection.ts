import type { RpcResult } from '../../shared/rpc'
import type { ConnectionControl, Handover } from './context'
import type { Actor } from '../services/actor'
import type { CallOptions, Router } from './router'

export interface StaffConnectionOptions {
  router: Router
  now: () => Date
  /** Read per call, so a change in Settings applies at once. */
  idleLockMinutes: () => Promise<number>
  /** The computer's name for audit rows, read per call (a desk may be renamed); unset: the host's. */
  workstation?: () => string
  /**
   * Whether the signed-in member of staff still exists, is active and has the same role in
   * the database of the moment. Asked before every call: a restore can bring back a file
   * without them, and an owner can switch an account off, and neither may wait for a
   * sign-out. Omitted only by tests of the connection itself.
   */
  stillValid?: (session: Actor) => Promise<boolean>
}

/** Answers for a call whose window changed hands or locked while the call ran. */
const LOCKED_MEANWHILE: RpcResult = {
  ok: false,
  error: {
    code: 'unauthenticated',
    message: 'The screen locked before this finished. Unlock to carry on.',
  },
}
const SIGNED_OUT: RpcResult = {
  ok: false,
  error: {
    code: 'unauthenticated',
    message: 'Your account is no longer signed in here (it was changed or removed). Sign in again.',
  },
}

/**
 * One window's hold on Plinth: who signed in there, and whether the screen is locked.
 * The renderer locks itself when idle, but main is the authority: a call that arrives after
 * the idle limit finds the session locked (and the lock audited) before it runs.
 */
export class StaffConnection implements ConnectionControl {
  #user: Actor | null = null
  #locked = false
  #lastActivity = 0
  #handover: Handover | null = null
  #seen = new Set<string>()

  constructor(private readonly options: StaffConnectionOptions) {}

  get user(): Actor | null {
    return this.#user
  }

  get locked(): boolean {
    return this.#locked
  }

  get workstation(): string | undefined {
    return this.options.workstation?.()
  }

  get handover(): Handover | null {
    return this.#handover
  }

  begin(session: Actor): void {
    if (this.#user?.userId !== session.userId) this.#seen = new Set()
    this.#user = session
    this.#locked = false
    this.#lastActivity = this.options.now().getTime()
  }

  end(): void {
    this.#user = null
    this.#locked = false
    this.#handover = null
    this.#seen = new Set()
  }

  beginHandover(handover: Handover): void {
    if (this.#user) this.#handover = handover
  }

  endHandover(): void {
    this.#handover = null
    this.#lastActivity = this.options.now().getTime()
  }

  firstInSession(key: string): boolean {
    if (this.#seen.has(key)) return false
    this.#seen.add(key)
    return true
  }

  lock(): void {
    if (this.#user) this.#locked = true
  }

  unlock(): void {
    this.#locked = false
    this.#lastActivity = this.options.now().getTime()
  }

  async call(method: string, input: unknown, options?: CallOptions): Promise<RpcResult> {
    const { router, now, stillValid } = this.options
    if (this.#user && stillValid && !(await stillValid(this.#user))) {
      this.end()
      if (method !== 'auth.status') return SIGNED_OUT
    }
    // A handed-over screen has its own time limit (the handover's expiry), and the client
    // filling it in sends no heartbeat; the idle lock would only hide the form from them.
    if (this.#user && !this.#locked && !this.#handover) {
      const idleMs = (await this.options.idleLockMinutes()) * 60_000
      if (now().getTime() - this.#lastActivity > idleMs) {
        await router.call('auth.lock', { reason: 'idle' }, this.#user, this)
      }
    }
    const session = this.#locked ? null : this.#user
    const result = await router.call(method, input, session, this, options)
    // Locked, signed out or taken over while the call ran: its answer belongs to the
    // previous holder of the screen, so it is not shown (what it changed is kept).
    if (session && (this.#locked || this.#user !== session) && !method.startsWith('auth.')) {
      return LOCKED_MEANWHILE
    }
    // Only the renderer's heartbeat, sent while someone types, clicks or scrolls, is
    // activity. Calls are not: polls (backups.health every 5 minutes), refetches after
    // another desk's change and job progress arrive with nobody at the desk, and counting
    // them held a 10-minute idle lock off for ever.
    if (session && method === 'auth.heartbeat' && this.#user && !this.#locked) {
      this.#lastActivity = now().getTime()
    }
    return result
  }
}
