import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { isChangeMethod } from '../../shared/change-events'
import { contract, isMethodName, type MethodName } from '../../shared/contract'
import type { MethodSpec } from '../../shared/contract/define'
import type { FieldError, RpcResult } from '../../shared/rpc'
import { ROLE_LABELS } from '../../shared/roles'
import { LiveDatabase } from '../db/live-database'
import type { DB } from '../db/schema'
import type { Logger } from '../log'
import { writeAudit } from '../services/audit'
import { DomainError } from '../services/domain-error'
import { withRevisions } from '../services/revisions'
import { earlierAnswer, noteApplied } from '../services/desks/desk-saves'
import { isKeptSave } from '../../shared/kept-saves'
import type { ConnectionControl, CoreServices, Session } from './context'
import type { Handler, Handlers } from './handlers/types'
import { guardInput } from './input-guard'
import { handoverRefusal } from './handover-gate'
import { domainErrorOfSqlite } from '../db/sqlite-errors'
import { damageRefusal } from './damage-gate'

export interface RouterOptions {
  /** A LiveDatabase when the file can be swapped underneath (restore); a fixed handle in tests. */
  db: Kysely<DB> | LiveDatabase
  handlers: Handlers
  log: Logger
  now?: () => Date
  /** Recorded on every audit row: which computer the change came from. */
  workstation?: string
  /** Services that work outside a command's transaction; see HandlerContext.core. */
  core?: CoreServices
  /**
   * Told after a command that may have changed shared data has committed (see
   * isChangeMethod), so every window and desk can refetch. Never told of reads.
   */
  onChange?: (method: string, at: Date, origin: ConnectionControl | null) => void
  /** True once the integrity check found damage: only a restore goes on (damage-gate.ts). */
  damaged?: () => boolean
}

const noCore: CoreServices = {
  get backups(): never {
    throw new Error('This router was created without core services')
  },
  get attachmentsDir(): never {
    throw new Error('This router was created without core services')
  },
  get imports(): never {
    throw new Error('This router was created without core services')
  },
  get network(): never {
    throw new Error('This router was created without core services')
  },
  recoveryKey(): never {
    throw new Error('This router was created without core services')
  },
  truncateWal(): never {
    throw new Error('This router was created without core services')
  },
  get messages(): never {
    throw new Error('This router was created without core services')
  },
}

/** How a call arrived, beyond who made it. */
export interface CallOptions {
  /**
   * A desk's id for a kept save (shared/kept-saves.ts): applied once, however often it is
   * resent; a resend is answered with the first answer. Ignored for other methods.
   */
  requestId?: string
}

export interface Router {
  call(
    method: string,
    input: unknown,
    session: Session | null,
    connection?: ConnectionControl | null,
    options?: CallOptions,
  ): Promise<RpcResult>
}

function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }))
}

/** Carries a read-only command's answer out of the transaction it rolls back. */
class RolledBack {
  constructor(readonly answer: unknown) {}
}

function refusal(method: MethodName, spec: MethodSpec, session: Session | null): RpcResult | null {
  if (spec.roles === 'public') return null
  if (!session) {
    return {
      ok: false,
      error: { code: 'unauthenticated', message: 'Please sign in to continue.' },
    }
  }
  if (session.mustChangePassword && !method.startsWith('auth.')) {
    return {
      ok: false,
      error: { code: 'forbidden', message: 'Choose a new password before continuing.' },
    }
  }
  if (!spec.roles.includes(session.role)) {
    return {
      ok: false,
      error: {
        code: 'forbidden',
        message: `${ROLE_LABELS[session.role]} accounts cannot ${spec.summary.toLowerCase()}.`,
      },
    }
  }
  return null
}

/**
 * The transport-free router: (method, input, session) -> result or typed error. Every
 * command runs in its own transaction, so a failed write changes nothing. Nothing from an
 * unexpected error (message, stack) reaches the caller: it is logged here under an id.
 */
export function createRouter({
  db,
  handlers,
  log,
  now = () => new Date(),
  workstation = '',
  core = noCore,
  onChange,
  damaged = () => false,
}: RouterOptions): Router {
  const withDb = <T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> =>
    db instanceof LiveDatabase ? db.use(fn) : fn(db)
  return {
    async call(method, input, session, connection = null, options = {}) {
      if (!isMethodName(method)) {
        return {
          ok: false,
          error: { code: 'unknown_method', message: `Unknown method "${String(method)}".` },
        }
      }
      const spec: MethodSpec = contract[method]
      const handedOver = handoverRefusal(method, connection)
      if (handedOver) return handedOver
      const refused = refusal(method, spec, session)
      if (refused) return refused
      // Issue 12: against a damaged file only a restore goes on, and writes nothing to it.
      const readOnly = damaged()
      if (readOnly) {
        const blocked = await damageRefusal(method, input, session, withDb)
        if (blocked) return blocked
      }

      const guarded = guardInput(input)
      if (guarded) {
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: 'Please correct the highlighted fields.',
            fieldErrors: [guarded],
          },
        }
      }
      const parsed = spec.input.safeParse(input ?? {})
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: 'Please correct the highlighted fields.',
            fieldErrors: fieldErrorsOf(parsed.error),
          },
        }
      }

      const handler = handlers[method] as Handler<MethodName>
      try {
        const at = now()
        const actor = {
          userId: session?.userId ?? null,
          username: session?.username ?? null,
          // A desk's calls are audited under the desk's name, not the host's.
          workstation: connection?.workstation ?? workstation,
        }
        const committed: (() => void)[] = []
        const once = options.requestId && isKeptSave(method) && session ? options.requestId : null
        let repeated = false
        const value = await withDb((db) =>
          db.transaction().execute(async (trx) => {
            if (readOnly) {
              // Sign-in, lock and restore answer as usual; their rows are rolled back (a
              // damaged audit index would refuse them anyway) and the audit goes to the log.
              const answer = await handler(
                {
                  method,
                  db: trx,
                  session: session as Session,
                  now: at,
                  connection,
                  audit: async (entry) =>
                    log.error('not audited: the database is damaged', {
                      action: entry.action,
                      entityType: entry.entityType,
                      entityId: entry.entityId,
                      user: actor.username,
                    }),
                  afterCommit: () => {},
                  core,
                },
                parsed.data as never,
              )
              throw new RolledBack(answer)
            }
            if (once) {
              const earlier = await earlierAnswer(trx, once, method, session!.userId)
              if (earlier) {
                repeated = true
                return earlier.answer
              }
            }
            const run = (data: unknown) =>
              handler(
                {
                  method,
                  db: trx,
                  // refusal() has turned away a caller with no session for every method but
                  // the public ones, whose handlers are typed to expect null (ContextOf).
                  session: session as Session,
                  now: at,
                  connection,
                  audit: (entry) => writeAudit(trx, actor, entry, at),
                  afterCommit: (work) => committed.push(work),
                  core,
                },
                data as never,
              )
            const answer = await (spec.revision
              ? withRevisions(trx, spec.revision, parsed.data, run)
              : run(parsed.data))
            if (once) await noteApplied(trx, once, method, session!.userId, answer, at)
            return answer
          }),
        )
        for (const work of committed) {
          try {
            work()
          } catch (error) {
            // The command has committed; the caller still gets its answer.
            log.error(`after-commit work of ${method} failed`, {
              error: error instanceof Error ? error.message : String(error),
            })
          }
        }
        if (onChange && isChangeMethod(method) && !repeated) {
          try {
            onChange(method, at, connection)
          } catch (error) {
            log.error(`change event of ${method} failed`, { error: String(error) })
          }
        }
        return { ok: true, value }
      } catch (thrown) {
        if (thrown instanceof RolledBack) return { ok: true, value: thrown.answer }
        const error = domainErrorOfSqlite(thrown) ?? thrown
        if (error instanceof DomainError) {
          return {
            ok: false,
            error: {
              code: error.code,
              message: error.message,
              ...(error.fieldErrors.length > 0 ? { fieldErrors: error.fieldErrors } : {}),
            },
          }
        }
        const errorId = randomUUID().slice(0, 8)
        log.error(`unexpected error in ${method} (error id ${errorId})`, {
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          user: session?.username,
        })
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `Something went wrong and nothing was saved. If it happens again, quote error ${errorId}.`,
            errorId,
          },
        }
      }
    },
  }
}
