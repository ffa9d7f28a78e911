import { checkUserSecret } from '../../services/auth/sign-in'
import { requireUser } from '../../services/auth/users'
import { recoverySheetPdf } from '../../services/encryption/recovery-sheet-pdf'
import { getClinicSettings } from '../../services/settings'
import { lockedMessage } from './auth'
import type { HandlersOf } from './types'

export const encryptionHandlers: HandlersOf<'encryption.'> = {
  // The owner proves it is them (the password, not a PIN: this key opens every record);
  // a wrong one counts towards the lockout and is audited, and so is every showing. The
  // key itself is in the answer only: never in the audit, never logged.
  'encryption.recoveryKey': async (ctx, { password }) => {
    const row = await requireUser(ctx.db, ctx.session!.userId)
    const check = await checkUserSecret(ctx.db, row, password, ctx.now, { allowPin: false })
    if (check.kind !== 'ok') {
      await ctx.audit({
        action: 'encryption.recovery-key-refused',
        entityType: 'user',
        entityId: row.id,
        summary: check.kind === 'failed' ? 'Wrong password' : 'Account locked',
      })
      if (check.kind === 'now-locked') {
        await ctx.audit({
          action: 'auth.account-locked',
          entityType: 'user',
          entityId: row.id,
          summary: `Locked until ${check.lockedUntil} after repeated wrong attempts`,
        })
      }
      return {
        status: 'failed',
        message:
          check.kind === 'failed'
            ? 'That password is not right.'
            : lockedMessage(check.lockedUntil),
      }
    }
    const recoveryKey = ctx.core.recoveryKey()
    if (!recoveryKey) return { status: 'not-encrypted' }
    const clinic = await getClinicSettings(ctx.db)
    const pdf = await recoverySheetPdf({
      clinic,
      recoveryKey,
      printedAt: ctx.now,
      printedBy: ctx.session!.displayName,
    })
    await ctx.audit({
      action: 'encryption.recovery-key-shown',
      entityType: 'clinic',
      summary: 'Showed the recovery key to print',
    })
    return {
      status: 'shown',
      recoveryKey,
      filename: 'plinth-recovery-key.pdf',
      base64: Buffer.from(pdf).toString('base64'),
    }
  },
}
