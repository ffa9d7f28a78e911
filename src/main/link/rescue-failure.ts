import { DomainError } from '../services/domain-error'
import { WrongPassphraseError } from '../services/backups/encryption'
import type { RpcResult } from '../../shared/rpc'

/** How a failed rescue reads in the window: next to the field it concerns where it has one. */
export function rescueFailure(error: unknown): RpcResult {
  if (error instanceof WrongPassphraseError) {
    const message = error.message
    return {
      ok: false,
      error: { code: 'rule_broken', message, fieldErrors: [{ path: 'secret', message }] },
    }
  }
  if (error instanceof DomainError) {
    const fieldErrors = error.fieldErrors.map((f) => ({
      path: f.path === 'passphrase' ? 'secret' : f.path,
      message: f.message,
    }))
    return { ok: false, error: { code: error.code, message: error.message, fieldErrors } }
  }
  return {
    ok: false,
    error: {
      code: 'internal',
      message: `Plinth could not open the clinic file: ${(error as Error).message}`,
    },
  }
}
