import type { MethodName } from '../../shared/contract'
import type { RpcResult } from '../../shared/rpc'
import type { ConnectionControl } from './context'

/**
 * What a screen handed to a client may call (issue 18): its own form (the client's first
 * name and the form, nothing else of the record), keeping the draft, sending the answers and
 * staff taking the screen back with a password; and auth.status, which then says only that
 * the screen is handed over, so the app shows the form and nothing else.
 */
export const HANDOVER_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'auth.status',
  'handover.form',
  'handover.saveDraft',
  'handover.submit',
  'handover.end',
])

const REFUSED: RpcResult = {
  ok: false,
  error: {
    code: 'forbidden',
    message: 'This screen has been handed to a client. A member of staff must take it back first.',
  },
}

/**
 * The router's answer for a call from a handed-over screen that is not the form's own, or
 * null to let it through. Checked before roles, so an owner's session is refused the same;
 * whatever the renderer asks (a typed URL, a stale query, a crafted call) ends here.
 */
export function handoverRefusal(
  method: MethodName,
  connection: ConnectionControl | null,
): RpcResult | null {
  if (!connection?.handover) return null
  return HANDOVER_METHODS.has(method) ? null : REFUSED
}
