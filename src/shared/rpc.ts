import type { PushMessage } from './change-events'

/**
 * What crosses the process boundary. Every value is plain JSON (dates as ISO strings), so the
 * Electron IPC adapter and the loopback HTTP adapter carry exactly the same thing.
 */
export type RpcErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rule_broken'
  | 'unknown_method'
  | 'internal'
  // The computer's disk (or the backup drive) is full: nothing was saved; free space and retry.
  | 'disk_full'
  // A desk's link to the clinic's host (issue 15):
  | 'unreachable'
  | 'not_paired'
  | 'version_mismatch'
  | 'rate_limited'
  // A kept save (shared/kept-saves.ts): the host is away, the desk holds it until it returns.
  | 'kept_on_desk'

export interface FieldError {
  /** Dotted path of the field, e.g. "clinicName" or "hours.0.start"; "" for the whole form. */
  path: string
  message: string
}

export interface RpcErrorBody {
  code: RpcErrorCode
  message: string
  fieldErrors?: FieldError[]
  /** Set on internal errors: the id under which main logged the details. */
  errorId?: string
}

export type RpcResult<T = unknown> = { ok: true; value: T } | { ok: false; error: RpcErrorBody }

/** The renderer-side error thrown by the typed client when a call fails. */
export class RpcError extends Error {
  readonly code: RpcErrorCode
  readonly fieldErrors: FieldError[]
  readonly errorId: string | undefined

  constructor(body: RpcErrorBody) {
    super(body.message)
    this.name = 'RpcError'
    this.code = body.code
    this.fieldErrors = body.fieldErrors ?? []
    this.errorId = body.errorId
  }
}

/** The one object the preload (or the loopback adapter's bridge script) puts on window. */
export interface PlinthBridge {
  invoke(method: string, input: unknown): Promise<RpcResult>
  /**
   * Hears what main pushes (change events, the desk link's state) until the returned
   * function is called. Optional: a bridge without it simply never pushes.
   */
  subscribe?(listener: (message: PushMessage) => void): () => void
}
