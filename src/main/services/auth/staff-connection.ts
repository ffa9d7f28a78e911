import type { RpcResult } from '../../../shared/rpc'
import type { ConnectionControl, Session } from '../../rpc/context'
import type { Router } from '../../rpc/router'

export interface StaffConnectionOptions {
  router: Router
  now: () => Date
  /** Read per call, so a change in Settings applies at once. */
  idleLockMinutes: () => Promise<number>
  /** The computer's name for audit rows, read per call (a desk may be renamed); unset: the host's. */
  workstation?: () => string
}

/**
 * One window's hold on Plinth: who signed in there, and whether the screen is locked.
 * The renderer locks itself when idle, but main is the authority: a call that arrives after
 * the idle limit finds the session locked (and the lock audited) before it runs.
 */
export class StaffConnection implements ConnectionControl {
  #user: Session | null = null
  #locked = false
  #lastActivity = 0

  constructor(private readonly options: StaffConnectionOptions) {}

  get user(): Session | null {
    return this.#user
  }

  get locked(): boolean {
    return this.#locked
  }

  get workstation(): string | undefined {
    return this.options.workstation?.()
  }

  begin(session: Session): void {
    this.#user = session
    this.#locked = false
    this.#lastActivity = this.options.now().getTime()
  }

  end(): void {
    this.#user = null
    this.#locked = false
  }

  lock(): void {
    if (this.#user) this.#locked = true
  }

  unlock(): void {
    this.#locked = false
    this.#lastActivity = this.options.now().getTime()
  }

  async call(method: string, input: unknown): Promise<RpcResult> {
    const { router, now } = this.options
    if (this.#user && !this.#locked) {
      const idleMs = (await this.options.idleLockMinutes()) * 60_000
      if (now().getTime() - this.#lastActivity > idleMs) {
        await router.call('auth.lock', { reason: 'idle' }, this.#user, this)
      }
    }
    const session = this.#locked ? null : this.#user
    const result = await router.call(method, input, session, this)
    // Asking "who is signed in?" is not activity; everything else a signed-in user does is.
    if (session && method !== 'auth.status' && this.#user && !this.#locked) {
      this.#lastActivity = now().getTime()
    }
    return result
  }
}
