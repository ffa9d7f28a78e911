import type { FieldError, RpcErrorCode } from '../../shared/rpc'

/**
 * A rule the clinic understands was broken ("Sam is on holiday 3-10 March"). Services throw
 * it; the router turns it into a typed error the renderer shows, and rolls the command back.
 */
export class DomainError extends Error {
  constructor(
    readonly code: Exclude<RpcErrorCode, 'internal' | 'unknown_method' | 'invalid_input'>,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message)
    this.name = 'DomainError'
  }
}
