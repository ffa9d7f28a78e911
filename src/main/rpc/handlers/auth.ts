import type { OutputOf } from '../../../shared/contract'
import type { AuthStatus, SignInOutcome } from '../../../shared/contract/auth'
import { DomainError } from '../../services/domain-error'
import { hashSecret, verifySecret } from '../../services/auth/passwords'
import { getSecuritySettings } from '../../services/auth/security-settings'
import {
  checkCredentials,
  checkUserSecret,
  recordSignIn,
  type CredentialCheck,
} from '../../services/auth/sign-in'
import {
  assertGoodPassword,
  countUsers,
  createUser,
  findUserById,
  requireUser,
  setPassword,
  setPinHash,
  type UserRow,
} from '../../services/users/users'
import { getClinicSettings, updateClinicSettings } from '../../services/settings'
import type { ConnectionControl, HandlerContext, Session } from '../context'
import { audited, type AuditedResult } from './audited'
import type { HandlersOf } from './types'

type SignedInAnswer = OutputOf<'auth.signIn'>

function sessionOf(user: UserRow): Session {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    mustChangePassword: user.must_change_password === 1,
  }
}

function requireConnection(ctx: HandlerContext): ConnectionControl {
  if (!ctx.connection) throw new DomainError('conflict', 'Signing in needs an app window.')
  return ctx.connection
}

/** Who is signed in on the caller's screen, for the gate; exported for handover.end. */
export async function statusOf(ctx: HandlerContext): Promise<AuthStatus> {
  const { idleLockMinutes } = await getSecuritySettings(ctx.db)
  // A screen handed to a client says only that (not whose session it is): the app shows
  // the form and nothing of staff's screens.
  if (ctx.connection?.handover && ctx.connection.user) {
    return { firstRun: false, user: null, locked: false, idleLockMinutes, handover: true }
  }
  const firstRun = (await countUsers(ctx.db)) === 0
  const current = ctx.connection?.user
  const row = current ? await findUserById(ctx.db, current.userId) : undefined
  // An account deactivated by the owner ends its open sessions at their next call.
  if (current && (!row || row.active !== 1)) ctx.connection?.end()
  const user =
    row && row.active === 1
      ? {
          id: row.id,
          username: row.username,
          displayName: row.display_name,
          role: row.role,
          mustChangePassword: row.must_change_password === 1,
          hasPin: row.pin_hash !== null,
        }
      : null
  return { firstRun, user, locked: Boolean(user && ctx.connection?.locked), idleLockMinutes }
}

const WRONG = 'The username or password is not right.'

export function lockedMessage(until: string): string {
  const time = new Date(until).toISOString().slice(11, 16)
  return `Too many wrong attempts: this account is locked until ${time} UTC. Ask the owner if you need in sooner.`
}

/**
 * A failed check: what the sign-in screen shows, and what the audit records of it. `takeBack`
 * is staff's password taking a screen back from a client (handover.end), counted like any
 * failed sign-in towards the lockout.
 */
export function refusalOf(
  ctx: HandlerContext,
  check: Exclude<CredentialCheck, { kind: 'ok' }>,
  attempted: string,
  what: 'signIn' | 'unlock' | 'takeBack',
): AuditedResult<SignInOutcome> {
  const as = check.user
    ? { userId: check.user.id, username: check.user.username }
    : { userId: null, username: attempted.slice(0, 40) }
  const failed = {
    action: `auth.${what}Failed`,
    entityType: 'user',
    ...(check.user ? { entityId: check.user.id } : {}),
    as,
  }
  if (check.kind === 'failed') {
    return {
      value: {
        status: 'failed',
        message:
          what === 'unlock'
            ? 'That password or PIN is not right.'
            : what === 'takeBack'
              ? 'That password is not right.'
              : WRONG,
      },
      audit: failed,
    }
  }
  // A locked-out account cannot be left half-open behind a lock screen (or a client's form).
  if (what !== 'signIn') ctx.connection?.end()
  return {
    value: {
      status: 'locked',
      message: lockedMessage(check.lockedUntil),
      lockedUntil: check.lockedUntil,
    },
    audit:
      check.kind === 'now-locked'
        ? [
            failed,
            {
              action: 'auth.accountLocked',
              entityType: 'user',
              entityId: check.user.id,
              summary: `Locked until ${check.lockedUntil} after repeated wrong attempts`,
              as,
            },
          ]
        : {
            action: `auth.${what}RefusedLocked`,
            entityType: 'user',
            entityId: check.user.id,
            as,
          },
  }
}

export const authHandlers: HandlersOf<'auth.'> = {
  'auth.status': (ctx) => statusOf(ctx),

  'auth.setupOwner': audited(async (ctx, input) => {
    const connection = requireConnection(ctx)
    if ((await countUsers(ctx.db)) > 0) {
      throw new DomainError('conflict', 'Plinth is already set up. Sign in instead.')
    }
    assertGoodPassword(input.password, input.username, 'password')
    const owner = await createUser(
      ctx.db,
      {
        displayName: input.displayName,
        username: input.username,
        role: 'owner',
        therapistId: null,
        password: input.password,
        mustChangePassword: false,
      },
      ctx.now,
    )
    const settings = await getClinicSettings(ctx.db)
    const { updatedAt: _updatedAt, ...values } = settings
    await updateClinicSettings(ctx.db, { ...values, clinicName: input.clinicName }, ctx.now)
    const as = { userId: owner.id, username: owner.username }
    // Setting up signs the owner in: the staff list should say when, not "Never".
    await recordSignIn(ctx.db, owner.id, ctx.now)
    connection.begin(sessionOf(owner))
    return {
      value: await statusOf(ctx),
      audit: [
        {
          entityType: 'user',
          entityId: owner.id,
          summary: 'Owner account created on first run',
          as,
        },
        { action: 'auth.signIn', entityType: 'user', entityId: owner.id, as },
      ],
    }
  }),

  'auth.signIn': audited(async (ctx, input): Promise<AuditedResult<SignedInAnswer>> => {
    const connection = requireConnection(ctx)
    const check = await checkCredentials(ctx.db, input.username, input.password, ctx.now)
    if (check.kind !== 'ok') return refusalOf(ctx, check, input.username, 'signIn')
    const previous = connection.user
    const as = { userId: check.user.id, username: check.user.username }
    const signedIn = { entityType: 'user', entityId: check.user.id, as }
    connection.begin(sessionOf(check.user))
    return {
      value: { status: 'signed-in', auth: await statusOf(ctx) },
      audit:
        previous && previous.userId !== check.user.id
          ? [
              {
                action: 'auth.switchUser',
                entityType: 'user',
                entityId: check.user.id,
                summary: `Took over from ${previous.username}`,
                as,
              },
              signedIn,
            ]
          : signedIn,
    }
  }),

  'auth.unlock': audited(async (ctx, input): Promise<AuditedResult<SignedInAnswer>> => {
    const connection = requireConnection(ctx)
    const user = connection.user
    if (!user || !connection.locked) {
      throw new DomainError('conflict', 'The screen is not locked.')
    }
    const row = await requireUser(ctx.db, user.userId)
    const check = await checkUserSecret(ctx.db, row, input.secret, ctx.now, { allowPin: true })
    if (check.kind !== 'ok') return refusalOf(ctx, check, user.username, 'unlock')
    connection.unlock()
    return {
      value: { status: 'signed-in', auth: await statusOf(ctx) },
      audit: {
        entityType: 'user',
        entityId: row.id,
        as: { userId: row.id, username: row.username },
      },
    }
  }),

  'auth.lock': audited(async (ctx, input) => {
    const connection = requireConnection(ctx)
    const wasLocked = connection.locked
    if (!wasLocked) connection.lock()
    return {
      value: await statusOf(ctx),
      audit: !wasLocked && {
        entityType: 'user',
        entityId: ctx.session.userId,
        summary: input.reason === 'idle' ? 'Locked after being idle' : 'Locked on demand',
      },
    }
  }),

  'auth.heartbeat': async () => ({ ok: true as const }),

  'auth.signOut': audited(async (ctx) => {
    const connection = requireConnection(ctx)
    const userId = ctx.session.userId
    connection.end()
    return { value: await statusOf(ctx), audit: { entityType: 'user', entityId: userId } }
  }),

  'auth.changePassword': audited(async (ctx, input) => {
    const connection = requireConnection(ctx)
    const row = await requireUser(ctx.db, ctx.session.userId)
    if (!(await verifySecret(input.currentPassword, row.password_hash))) {
      throw new DomainError('rule_broken', 'Your current password is not right.', [
        { path: 'currentPassword', message: 'This is not your current password' },
      ])
    }
    if (input.newPassword === input.currentPassword) {
      throw new DomainError('rule_broken', 'Choose a password you have not used here.', [
        { path: 'newPassword', message: 'Choose a different password from the current one' },
      ])
    }
    assertGoodPassword(input.newPassword, row.username, 'newPassword')
    const updated = await setPassword(
      ctx.db,
      row.id,
      input.newPassword,
      { mustChange: false },
      ctx.now,
    )
    connection.begin(sessionOf(updated))
    return { value: await statusOf(ctx), audit: { entityType: 'user', entityId: row.id } }
  }),

  'auth.setPin': audited(async (ctx, input) => {
    const row = await requireUser(ctx.db, ctx.session.userId)
    if (!(await verifySecret(input.currentPassword, row.password_hash))) {
      throw new DomainError('rule_broken', 'Your password is not right.', [
        { path: 'currentPassword', message: 'This is not your password' },
      ])
    }
    await setPinHash(ctx.db, row.id, input.pin ? await hashSecret(input.pin) : null, ctx.now)
    return {
      value: await statusOf(ctx),
      audit: {
        entityType: 'user',
        entityId: row.id,
        summary: input.pin ? 'Set a PIN' : 'Removed the PIN',
      },
    }
  }),
}
