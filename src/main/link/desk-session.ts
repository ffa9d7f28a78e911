import type { AuthStatus } from '../../shared/contract/auth'
import type { RpcResult } from '../../shared/rpc'
import type { Role } from '../../shared/roles'

/** Who the host last said is signed in at this desk. */
export interface DeskUser {
  userId: number
  role: Role
  locked: boolean
}

const ANSWER_STATUS = new Set([
  'auth.status',
  'auth.lock',
  'auth.signOut',
  'auth.setupOwner',
  'auth.changePassword',
  'auth.setPin',
])

/**
 * What a desk knows of its sign-in, learnt from the host's answers as they pass: the host
 * holds the session (issue 15: "the host checks the staff session"); the desk only needs
 * to know whose typing it keeps while the host is away, and whether to offer the kept day
 * sheet. Never trusted for anything the host decides.
 */
export class DeskSession {
  #user: DeskUser | null = null

  get current(): DeskUser | null {
    return this.#user
  }

  observe(method: string, result: RpcResult): void {
    if (result.ok) {
      if (ANSWER_STATUS.has(method)) this.#fromStatus(result.value as AuthStatus)
      if (method === 'auth.signIn' || method === 'auth.unlock') {
        const outcome = result.value as { status: string; auth?: AuthStatus }
        if (outcome.status === 'signed-in' && outcome.auth) this.#fromStatus(outcome.auth)
      }
      return
    }
    if (result.error.code === 'unauthenticated') {
      this.#user = null
    } else if (result.error.code === 'unreachable' && method === 'auth.lock' && this.#user) {
      // The screen locks on the desk even while the host is away.
      this.#user = { ...this.#user, locked: true }
    }
  }

  #fromStatus(status: AuthStatus): void {
    this.#user = status.user
      ? { userId: status.user.id, role: status.user.role, locked: status.locked }
      : null
  }
}
