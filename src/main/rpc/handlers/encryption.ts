import { checkUserSecret } from '../../services/auth/sign-in'
import { requireUser } from '../../services/users/users'
import { recoverySheetPdf } from '../../services/encryption/recovery-sheet-pdf'
import { getClinicSettings } from '../../services/settings'
import {
  RECOVERY_KEY_ENTITY,
  recoveryKeyUnconfirmed,
} from '../../services/encryption/recovery-key-kept'
import { lockedMessage } from './auth'
import type { OutputOf } from '../../../shared/contract'
import { audited, type AuditedResult } from './audited'
import type { HandlersOf } from './types'

type Answer = OutputOf<'encryption.recoveryKey'>

export const encryptionHandlers: HandlersOf<'encryption.'> = {
  // The owner proves it is them (the password, not a PIN: this key opens every record);
  // a wrong one counts towards the lockout and is audited, and so is every showing. The
  // key itself is in the answer only: never in the audit, never logged.
  'encryption.recoveryKey': audited(async (ctx, { password }): Promise<AuditedResult<Answer>> => {
    const row = await requireUser(ctx.db, ctx.session.userId)
    const check = await checkUserSecret(ctx.db, row, password, ctx.now, { allowPin: false })
    if (check.kind !== 'ok') {
      return {
        value: {
          status: 'failed',
          message:
            check.kind === 'failed'
              ? 'That password is not right.'
              : lockedMessage(check.lockedUntil),
        },
        audit: [
          {
            action: 'encryption.recoveryKeyRefused',
            entityType: 'user',
            entityId: row.id,
            summary: check.kind === 'failed' ? 'Wrong password' : 'Account locked',
          },
          ...(check.kind === 'now-locked'
            ? [
                {
                  action: 'auth.accountLocked',
                  entityType: 'user',
                  entityId: row.id,
                  summary: `Locked until ${check.lockedUntil} after repeated wrong attempts`,
                },
              ]
            : []),
        ],
      }
    }
    const recoveryKey = ctx.core.recoveryKey()
    if (!recoveryKey) return { value: { status: 'not-encrypted' }, audit: null }
    const clinic = await getClinicSettings(ctx.db)
    const pdf = await recoverySheetPdf({
      clinic,
      recoveryKey,
      printedAt: ctx.now,
      printedBy: ctx.session.displayName,
    })
    return {
      value: {
        status: 'shown',
        recoveryKey,
        filename: 'plinth-recovery-key.pdf',
        base64: Buffer.from(pdf).toString('base64'),
      },
      audit: {
        entityType: 'clinic',
        entityId: RECOVERY_KEY_ENTITY,
        summary: 'Showed the recovery key to print',
      },
    }
  }),
  'encryption.recoveryKeyKept': audited(async () => ({
    value: { unconfirmed: false },
    audit: {
      entityType: 'clinic',
      entityId: RECOVERY_KEY_ENTITY,
      summary: 'Confirmed the recovery key is printed and kept safe',
    },
  })),
  'encryption.recoveryKeyStatus': async (ctx) => ({
    unconfirmed: await recoveryKeyUnconfirmed(ctx.db),
  }),
}
