import type { z } from 'zod'
import type { Role } from '../roles'
import { installHumanMessages } from './error-messages'
import type { RevisionUse } from './revisions'

// Every contract module imports this one, so main and the renderer both get human words for
// zod's own messages before any schema is used.
installHumanMessages()

/**
 * Who may call a method. 'public' is only for what must work before anyone signs in
 * (the sign-in itself, first-run set-up); everything else names its roles explicitly,
 * so a method without a decision about roles cannot be declared.
 */
export type Access = 'public' | readonly [Role, ...Role[]]

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** One line for humans: shown in role errors and the audit log. */
  summary: string
  input: I
  output: O
  roles: Access
  /** A record two screens can edit: the router checks and stamps its revision. */
  revision?: RevisionUse
}

// `roles` is kept as written ('public' or the tuple), so handler types can tell the public
// methods (no session yet) from the rest (always signed in); see main's handlers/types.ts.
export function method<I extends z.ZodType, O extends z.ZodType, R extends Access>(
  spec: MethodSpec<I, O> & { roles: R; revision?: undefined },
): MethodSpec<I, O> & { roles: R }
export function method<I extends z.ZodType, O extends z.ZodType, R extends Access>(
  spec: MethodSpec<I, O> & { roles: R; revision: RevisionUse },
): MethodSpec<I, O> & { roles: R; revision: RevisionUse }
export function method<I extends z.ZodType, O extends z.ZodType>(
  spec: MethodSpec<I, O>,
): MethodSpec<I, O> {
  return spec
}
