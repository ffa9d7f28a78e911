import { formatPence } from '../../../shared/contract/money-values'
import { getInvoice } from '../../services/money/invoice-read'
import { moneyActorOf } from '../../services/money/money-settings'
import { getPackage, packagesOf } from '../../services/money/package-read'
import { refundPackage } from '../../services/money/package-refund'
import { sellPackage } from '../../services/money/package-sales'
import { listPackageTypes, savePackageType } from '../../services/money/package-types'
import {
  packagesForAppointment,
  reversePackageUse,
  usePackage,
} from '../../services/money/package-use'
import { audited } from './audited'
import type { HandlersOf } from './types'

// Audit summaries name packages by number and give sessions and amounts only: never the
// package's name, its services or a reason, which could say what was treated.

export const packagesHandlers: HandlersOf<'packages.'> = {
  'packages.types': async (ctx, input) => listPackageTypes(ctx.db, input.includeRetired),
  'packages.saveType': audited(async (ctx, input) => {
    const type = await savePackageType(ctx.db, input, ctx.now)
    return {
      value: type,
      audit: {
        entityType: 'package-type',
        entityId: type.id,
        summary: `${input.id ? 'Changed' : 'Added'} package type #${type.id}: ${type.sessions} sessions for ${formatPence(type.pricePence)}, valid ${type.validMonths} months${type.active ? '' : ' (retired)'}`,
      },
    }
  }),
  'packages.sell': audited(async (ctx, input) => {
    const sold = await sellPackage(ctx.db, input, moneyActorOf(ctx.session), ctx.now)
    const pkg = await getPackage(ctx.db, sold.packageId, ctx.now)
    return {
      value: { package: pkg, invoice: await getInvoice(ctx.db, sold.invoiceId) },
      audit: {
        entityType: 'client',
        entityId: input.clientId,
        summary: `Sold package #${pkg.id} (${pkg.sessions} sessions, ${formatPence(pkg.pricePence)}) on ${sold.number}`,
      },
    }
  }),
  'packages.forClient': async (ctx, input) => packagesOf(ctx.db, input.clientId, ctx.now),
  'packages.forAppointment': async (ctx, input) =>
    packagesForAppointment(ctx.db, input.appointmentId, ctx.now),
  'packages.use': audited(async (ctx, input) => {
    const done = await usePackage(ctx.db, input, moneyActorOf(ctx.session), ctx.now)
    return {
      value: done.package,
      audit: {
        entityType: 'client',
        entityId: done.clientId,
        summary: `Used a session of package #${done.package.id} for appointment #${input.appointmentId} (${done.package.left} of ${done.package.sessions} left)`,
      },
    }
  }),
  'packages.reverseUse': audited(async (ctx, input) => {
    const done = await reversePackageUse(ctx.db, input, moneyActorOf(ctx.session), ctx.now)
    return {
      value: done.package,
      audit: {
        entityType: 'client',
        entityId: done.clientId,
        summary: `Undid session #${input.sessionId} of package #${done.package.id} (${done.package.left} of ${done.package.sessions} left)`,
      },
    }
  }),
  'packages.refund': audited(async (ctx, input) => {
    const done = await refundPackage(ctx.db, input, moneyActorOf(ctx.session), ctx.now)
    return {
      value: {
        package: done.package,
        refundedPence: done.refundedPence,
        creditNoteNumber: done.creditNoteNumber,
      },
      audit: {
        entityType: 'client',
        entityId: done.package.clientId,
        summary: `Refunded ${done.sessions} unused sessions of package #${done.package.id}: ${formatPence(done.refundedPence)} by ${done.creditNoteNumber}`,
      },
    }
  }),
}
