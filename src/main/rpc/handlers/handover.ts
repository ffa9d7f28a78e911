import { DomainError } from '../../services/domain-error'
import { checkUserSecret } from '../../services/auth/sign-in'
import { requireUser } from '../../services/users/users'
import {
  expireIfDue,
  handoverFormOf,
  startHandover,
  submitHandover,
} from '../../services/measures/handover'
import type { ConnectionControl, Handover, HandlerContext } from '../context'
import { refusalOf, statusOf } from './auth'
import { audited } from './audited'
import type { HandlersOf } from './types'

// A measure handed to the client on this screen (issue 18). The router lets only these
// methods through while a screen is handed over (rpc/handover-gate.ts). Audit summaries name
// the client's record, never the measure (VISA-A alone would say "Achilles").

function screenOf(ctx: HandlerContext): ConnectionControl {
  if (!ctx.connection) throw new DomainError('conflict', 'Handing a form over needs an app window.')
  return ctx.connection
}

function heldBy(ctx: HandlerContext): { connection: ConnectionControl; handover: Handover } {
  const connection = screenOf(ctx)
  if (!connection.handover) {
    throw new DomainError('conflict', 'No form has been handed to a client on this screen.')
  }
  return { connection, handover: connection.handover }
}

export const handoverHandlers: HandlersOf<'handover.'> = {
  'handover.start': audited(async (ctx, input) => {
    const connection = screenOf(ctx)
    const handover = await startHandover(ctx.db, ctx.session, input, ctx.now)
    ctx.afterCommit(() => connection.beginHandover(handover))
    return {
      value: { expiresAt: handover.expiresAt },
      audit: {
        entityType: 'client',
        entityId: input.clientId,
        summary: 'Handed a measure to the client on this screen',
      },
    }
  }),

  'handover.form': async (ctx) => handoverFormOf(ctx.db, heldBy(ctx).handover, ctx.now),

  // Kept in memory as the client types (no audit line per keystroke batch; handing over,
  // sending and taking back are audited): a reload within the handover finds it again.
  'handover.saveDraft': async (ctx, { draft }) => {
    const { handover } = heldBy(ctx)
    if (expireIfDue(handover, ctx.now)) {
      throw new DomainError('conflict', 'The time for this form has run out.')
    }
    if (handover.state !== 'open') {
      throw new DomainError('conflict', 'These answers have already been sent.')
    }
    handover.draft = draft
    return { ok: true as const }
  },

  'handover.submit': audited(async (ctx, { measure }) => {
    const { handover } = heldBy(ctx)
    const measureId = await submitHandover(ctx.db, ctx.session, handover, measure, ctx.now)
    ctx.afterCommit(() => {
      handover.state = 'submitted'
      handover.draft = null
      handover.measureId = measureId
    })
    return {
      value: { ok: true as const },
      audit: {
        entityType: 'client',
        entityId: handover.clientId,
        summary: `The client filled in clinical measurement #${measureId} on the clinic’s screen`,
      },
    }
  }),

  // The password of the member of staff whose session it is (who handed it over); a wrong
  // one counts towards the lockout like a failed sign-in, and a locked-out account is
  // signed out, so the screen goes to the sign-in page, never back to staff's screens.
  'handover.end': audited(async (ctx, { password }) => {
    const { connection, handover } = heldBy(ctx)
    const row = await requireUser(ctx.db, ctx.session.userId)
    const check = await checkUserSecret(ctx.db, row, password, ctx.now, { allowPin: false })
    if (check.kind !== 'ok') return refusalOf(ctx, check, row.username, 'takeBack')
    connection.endHandover()
    return {
      value: { status: 'signed-in' as const, auth: await statusOf(ctx) },
      audit: {
        entityType: 'client',
        entityId: handover.clientId,
        summary:
          handover.state === 'submitted'
            ? 'Took the screen back from the client (answers sent)'
            : 'Took the screen back from the client (nothing sent)',
      },
    }
  }),
}
