import type { Contract, MethodName, OutputOf, ParsedInputOf } from '../../../shared/contract'
import type { HandlerContext, Session } from '../context'

/** What a revision-stamped answer is without its `revision`: the router adds that. */
type Unstamped<T> = T extends (infer Item)[]
  ? Unstamped<Item>[]
  : T extends { revision: number }
    ? Omit<T, 'revision'>
    : T

/** A handler's answer: for a revisioned record, without `revision` (withRevisions adds it). */
type HandlerOutput<M extends MethodName> = Contract[M] extends { revision: object }
  ? Unstamped<OutputOf<M>>
  : OutputOf<M>

/**
 * What a method's handler is given: for every method but the public ones (sign-in, first-run
 * set-up), the router has already refused a caller who is not signed in, so `session` is
 * never null there and handlers need no check of their own.
 */
export type ContextOf<M extends MethodName> = Contract[M]['roles'] extends 'public'
  ? HandlerContext
  : SignedInContext

export type SignedInContext = HandlerContext & { session: Session }

export type Handler<M extends MethodName> = (
  ctx: ContextOf<M>,
  input: ParsedInputOf<M>,
) => Promise<HandlerOutput<M>>

/** The handlers for one domain's methods, e.g. HandlersOf<'settings.'>. */
export type HandlersOf<Prefix extends string> = {
  [M in MethodName as M extends `${Prefix}${string}` ? M : never]: Handler<M>
}

export type Handlers = { [M in MethodName]: Handler<M> }
