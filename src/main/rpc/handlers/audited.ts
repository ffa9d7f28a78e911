import type { AuditEntry } from '../../services/audit'
import type { HandlerContext } from '../context'

/**
 * A method's audit entry as the method declares it. `action` defaults to the method's own
 * name (`clients.addAlert`), so the audit log, the contract and the handlers use one name;
 * set it only for an event that is not the method itself (`auth.signInFailed`).
 */
export type DeclaredAudit = Omit<AuditEntry, 'action'> & { action?: string }

/** What an audited method's body gives back: its answer, and what the audit should say. */
export interface AuditedResult<T> {
  value: T
  /** None (`null`/`false`/`[]`) when nothing changed, e.g. an update that changed no field. */
  audit: DeclaredAudit | readonly DeclaredAudit[] | null | false
}

/**
 * Declares a method's audit entries, in the spirit of Actual's `mutator(undoable(fn))`: the
 * body returns `{ value, audit }` and never writes to the audit log itself; the router's
 * writer (`ctx.audit`, this command's transaction) records the entries after the body has
 * run, so an entry commits or rolls back with the change it describes.
 *
 * Summaries name the action and the record, never health details (the audit is read by
 * every owner and exported as CSV).
 */
export function audited<C extends HandlerContext, I, O>(
  body: (ctx: C, input: I) => Promise<AuditedResult<O>>,
): (ctx: C, input: I) => Promise<O> {
  const handler = async (ctx: C, input: I) => {
    const { value, audit } = await body(ctx, input)
    const entries = !audit ? [] : Array.isArray(audit) ? audit : [audit as DeclaredAudit]
    for (const entry of entries) {
      await ctx.audit({ ...entry, action: entry.action ?? ctx.method })
    }
    return value
  }
  AUDITED.add(handler)
  return handler
}

const AUDITED = new WeakSet<object>()

/** Whether a handler declares its audit entries (the audit-declaration test reads it). */
export function isAudited(handler: unknown): boolean {
  return typeof handler === 'function' && AUDITED.has(handler)
}
