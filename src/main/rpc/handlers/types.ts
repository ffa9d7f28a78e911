import type { MethodName, OutputOf, ParsedInputOf } from '../../../shared/contract'
import type { HandlerContext } from '../context'

export type Handler<M extends MethodName> = (
  ctx: HandlerContext,
  input: ParsedInputOf<M>,
) => Promise<OutputOf<M>>

/** The handlers for one domain's methods, e.g. HandlersOf<'settings.'>. */
export type HandlersOf<Prefix extends string> = {
  [M in MethodName as M extends `${Prefix}${string}` ? M : never]: Handler<M>
}

export type Handlers = { [M in MethodName]: Handler<M> }
