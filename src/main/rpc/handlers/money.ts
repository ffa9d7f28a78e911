import { formatPence } from '../../../shared/contract/money-values'
import { clientAccount, outstanding, paymentsForAppointments } from '../../services/money/account'
import { cashUpDay, recordCashUp } from '../../services/money/cash-up'
import { checkout } from '../../services/money/checkout'
import { chargeFee } from '../../services/money/fees'
import { invoicePdf } from '../../services/money/invoice-pdf'
import { refund, reverseEntry } from '../../services/money/corrections'
import { discardDraft, saveDraft } from '../../services/money/invoice-drafts'
import { issueCreditNote, issueInvoice } from '../../services/money/invoice-issue'
import { getInvoice, listInvoices, summaryOf } from '../../services/money/invoice-read'
import { creditOf } from '../../services/money/ledger'
import {
  getMoneySettings,
  updateMoneySettings,
  moneyActorOf,
} from '../../services/money/money-settings'
import { takePayment } from '../../services/money/payments'
import {
  listMethods,
  listPractitioners,
  savePractitioner,
  listProducts,
  saveMethod,
  saveProduct,
  serviceVatRates,
  setServiceVatRate,
} from '../../services/money/price-list'
import { listVouchers, sellVoucher } from '../../services/money/vouchers'
import { packagesPaying } from '../../services/money/package-read'
import { voucherPdf } from '../../services/money/voucher-pdf'
import { audited } from './audited'
import type { HandlersOf } from './types'

// Audit summaries name numbers and amounts only: never a service, a line or a reason, which
// could say what was treated.

export const moneyHandlers: HandlersOf<'money.'> = {
  'money.settings': async (ctx) => getMoneySettings(ctx.db),
  'money.updateSettings': audited(async (ctx, input) => ({
    value: await updateMoneySettings(ctx.db, input, ctx.now),
    audit: { summary: 'Changed invoice and VAT settings' },
  })),
  'money.methods': async (ctx, input) => listMethods(ctx.db, input.includeInactive),
  'money.saveMethod': audited(async (ctx, input) => {
    await saveMethod(ctx.db, input)
    return {
      value: await listMethods(ctx.db, true),
      audit: { summary: `${input.id ? 'Changed' : 'Added'} payment method "${input.name}"` },
    }
  }),
  'money.serviceVatRates': async (ctx) => serviceVatRates(ctx.db),
  'money.practitioners': async (ctx) => listPractitioners(ctx.db),
  'money.savePractitioner': audited(async (ctx, input) => {
    const p = await savePractitioner(ctx.db, input)
    return {
      value: p,
      audit: {
        entityType: 'therapist',
        entityId: p.therapistId,
        summary: `Changed ${p.name}'s receipt details`,
      },
    }
  }),
  'money.setServiceVatRate': audited(async (ctx, input) => ({
    value: await setServiceVatRate(ctx.db, input.serviceId, input.vatRate),
    audit: {
      entityType: 'service',
      entityId: input.serviceId,
      summary: `Set the VAT rate to ${input.vatRate}`,
    },
  })),
  'money.account': async (ctx, input) => clientAccount(ctx.db, input.clientId),
  'money.outstanding': async (ctx, input) => outstanding(ctx.db, ctx.now, input),
  'money.forAppointments': async (ctx, input) => {
    const rows = await paymentsForAppointments(
      ctx.db,
      input.appointmentIds,
      ctx.session.role === 'therapist' ? ctx.session.userId : null,
    )
    // Paid from a package: no invoice, so the ledger knows nothing of it.
    const fromPackage = await packagesPaying(
      ctx.db,
      rows.filter((r) => r.state === 'none').map((r) => r.appointmentId),
    )
    return rows.map((r) => {
      const name = fromPackage.get(r.appointmentId)
      return name === undefined ? r : { ...r, state: 'paid', feePence: null, fromPackage: name }
    })
  },
}

export const invoicesHandlers: HandlersOf<'invoices.'> = {
  'invoices.list': async (ctx, input) => listInvoices(ctx.db, input),
  'invoices.get': async (ctx, input) => getInvoice(ctx.db, input.id),
  'invoices.saveDraft': audited(async (ctx, input) => {
    const id = await saveDraft(ctx.db, input, moneyActorOf(ctx.session), ctx.now)
    return {
      value: await getInvoice(ctx.db, id),
      audit: {
        entityType: 'client',
        entityId: input.clientId,
        summary: `Saved draft invoice #${id}`,
      },
    }
  }),
  'invoices.discardDraft': audited(async (ctx, input) => {
    const { clientId } = await discardDraft(ctx.db, input.id)
    return {
      value: { id: input.id },
      audit: {
        entityType: 'client',
        entityId: clientId,
        summary: `Discarded draft invoice #${input.id}`,
      },
    }
  }),
  'invoices.issue': audited(async (ctx, input) => {
    const issued = await issueInvoice(ctx.db, input.id, moneyActorOf(ctx.session), ctx.now)
    return {
      value: await getInvoice(ctx.db, input.id),
      audit: {
        entityType: 'client',
        entityId: issued.clientId,
        summary: `Issued ${issued.number} for ${formatPence(issued.grossPence)}`,
      },
    }
  }),
  'invoices.pdf': audited(async (ctx, input) => {
    const { bytes, invoice } = await invoicePdf(ctx.db, input.id)
    return {
      value: {
        filename: `${invoice.number ?? `draft-${invoice.id}`}.pdf`,
        base64: Buffer.from(bytes).toString('base64'),
      },
      audit: {
        entityType: 'client',
        entityId: invoice.clientId,
        summary: `Printed ${invoice.number ?? `draft invoice #${invoice.id}`}`,
      },
    }
  }),
  'invoices.chargeFee': audited(async (ctx, input) => {
    const fee = await chargeFee(ctx.db, input.appointmentId, moneyActorOf(ctx.session), ctx.now)
    return {
      value: await getInvoice(ctx.db, fee.invoiceId),
      audit: {
        entityType: 'client',
        entityId: fee.clientId,
        summary: `Charged a ${formatPence(fee.pence)} fee on ${fee.number}`,
      },
    }
  }),
  'invoices.checkout': audited(async (ctx, input) => {
    const done = await checkout(ctx.db, input, moneyActorOf(ctx.session), ctx.now)
    const invoice = await getInvoice(ctx.db, done.invoiceId)
    // Checkout is two events the owner looks for separately: an invoice issued, money taken.
    const issued = {
      action: 'invoices.issue',
      entityType: 'client',
      entityId: invoice.clientId,
      summary: `Issued ${done.number} for ${formatPence(invoice.grossPence)} at checkout`,
    }
    const paid = {
      action: 'payments.take',
      entityType: 'client',
      entityId: invoice.clientId,
      summary: `Took ${formatPence(done.totalPence)} for ${done.number}`,
    }
    return {
      value: {
        batch: done.batch,
        invoices: [summaryOf(invoice)],
        toCreditPence: done.toCreditPence,
        creditPence: await creditOf(ctx.db, invoice.clientId),
        invoice,
      },
      audit: done.created ? [issued, paid] : [paid],
    }
  }),
}

export const paymentsHandlers: HandlersOf<'payments.'> = {
  'payments.take': audited(async (ctx, input) => {
    const done = await takePayment(ctx.db, input, moneyActorOf(ctx.session), ctx.now)
    const { rows } = await listInvoices(ctx.db, {
      status: 'all',
      ids: done.invoiceIds,
      limit: 50,
      offset: 0,
    })
    return {
      value: {
        batch: done.batch,
        invoices: rows,
        toCreditPence: done.toCreditPence,
        creditPence: await creditOf(ctx.db, input.clientId),
      },
      audit: {
        entityType: 'client',
        entityId: input.clientId,
        summary: `Took ${formatPence(done.totalPence)}${done.toCreditPence ? `, ${formatPence(done.toCreditPence)} to account credit` : ''}`,
      },
    }
  }),
  'payments.refund': audited(async (ctx, input) => {
    const done = await refund(ctx.db, input, moneyActorOf(ctx.session), ctx.now)
    return {
      value: {
        ...(await clientAccount(ctx.db, input.clientId)),
        invoice: done.invoiceId === null ? null : await getInvoice(ctx.db, done.invoiceId),
      },
      audit: {
        entityType: 'client',
        entityId: input.clientId,
        summary: `Refunded ${formatPence(input.amountPence)}${done.invoiceId ? ` from invoice #${done.invoiceId}` : ' from account credit'}${done.toCredit ? ' to account credit' : ''}`,
      },
    }
  }),
  'payments.reverse': audited(async (ctx, input) => {
    const done = await reverseEntry(ctx.db, input, moneyActorOf(ctx.session), ctx.now)
    return {
      value: {
        ...(await clientAccount(ctx.db, done.clientId)),
        invoice: done.invoiceId === null ? null : await getInvoice(ctx.db, done.invoiceId),
      },
      audit: {
        entityType: 'client',
        entityId: done.clientId,
        summary: `Reversed ledger entry #${input.entryId} of ${formatPence(done.amountPence)}`,
      },
    }
  }),
}

export const creditNotesHandlers: HandlersOf<'creditNotes.'> = {
  'creditNotes.issue': audited(async (ctx, input) => {
    const done = await issueCreditNote(ctx.db, input, moneyActorOf(ctx.session), ctx.now)
    return {
      value: await getInvoice(ctx.db, input.invoiceId),
      audit: {
        entityType: 'client',
        entityId: done.clientId,
        summary: `Issued ${done.number} for ${formatPence(input.amountPence)} against ${done.invoiceNumber}`,
      },
    }
  }),
}

export const cashUpHandlers: HandlersOf<'cashUp.'> = {
  'cashUp.day': async (ctx, input) => cashUpDay(ctx.db, input.date),
  'cashUp.record': audited(async (ctx, input) => {
    const done = await recordCashUp(ctx.db, input, moneyActorOf(ctx.session), ctx.now)
    const difference =
      done.differencePence === 0
        ? 'balanced'
        : `${done.differencePence > 0 ? 'over' : 'short'} by ${formatPence(Math.abs(done.differencePence))}`
    return {
      value: await cashUpDay(ctx.db, input.date),
      audit: {
        entityType: 'cash-up',
        entityId: done.id,
        summary: `Cash-up for ${input.date}: ${difference}`,
      },
    }
  }),
}

export const productsHandlers: HandlersOf<'products.'> = {
  'products.list': async (ctx, input) => listProducts(ctx.db, input.includeInactive),
  'products.save': audited(async (ctx, input) => {
    const p = await saveProduct(ctx.db, input, ctx.now)
    return {
      value: p,
      audit: {
        entityType: 'product',
        entityId: p.id,
        summary: `${input.id ? 'Changed' : 'Added'} product "${p.name}" at ${formatPence(p.pricePence)}`,
      },
    }
  }),
}

export const vouchersHandlers: HandlersOf<'vouchers.'> = {
  'vouchers.sell': audited(async (ctx, input) => {
    const sold = await sellVoucher(ctx.db, input, moneyActorOf(ctx.session), ctx.now)
    const { rows } = await listVouchers(ctx.db, ctx.now)
    return {
      value: {
        voucher: rows.find((v) => v.id === sold.voucherId)!,
        invoice: await getInvoice(ctx.db, sold.invoiceId),
      },
      audit: {
        entityType: 'client',
        entityId: input.clientId,
        summary: `Sold gift voucher ${sold.code} for ${formatPence(input.valuePence)} on ${sold.number}`,
      },
    }
  }),
  'vouchers.list': async (ctx) => listVouchers(ctx.db, ctx.now),
  'vouchers.pdf': audited(async (ctx, input) => {
    const { bytes, voucher } = await voucherPdf(ctx.db, input.id, ctx.now)
    return {
      value: { filename: `${voucher.code}.pdf`, base64: Buffer.from(bytes).toString('base64') },
      audit: {
        entityType: 'client',
        entityId: voucher.buyerId,
        summary: `Printed gift voucher ${voucher.code}`,
      },
    }
  }),
}
