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
  type MoneyActor,
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
import type { HandlerContext } from '../context'
import type { HandlersOf } from './types'

function actorOf({ session }: HandlerContext): MoneyActor {
  return { userId: session?.userId ?? null, name: session?.displayName ?? null }
}

// Audit summaries name numbers and amounts only: never a service, a line or a reason, which
// could say what was treated.

export const moneyHandlers: HandlersOf<'money.'> = {
  'money.settings': async (ctx) => getMoneySettings(ctx.db),
  'money.updateSettings': async (ctx, input) => {
    const settings = await updateMoneySettings(ctx.db, input, ctx.now)
    await ctx.audit({ action: 'money.settings', summary: 'Changed invoice and VAT settings' })
    return settings
  },
  'money.methods': async (ctx, input) => listMethods(ctx.db, input.includeInactive),
  'money.saveMethod': async (ctx, input) => {
    await saveMethod(ctx.db, input)
    await ctx.audit({
      action: input.id ? 'money.method-update' : 'money.method-add',
      summary: `${input.id ? 'Changed' : 'Added'} payment method "${input.name}"`,
    })
    return listMethods(ctx.db, true)
  },
  'money.serviceVatRates': async (ctx) => serviceVatRates(ctx.db),
  'money.practitioners': async (ctx) => listPractitioners(ctx.db),
  'money.savePractitioner': async (ctx, input) => {
    const p = await savePractitioner(ctx.db, input)
    await ctx.audit({
      action: 'money.practitioner',
      entityType: 'therapist',
      entityId: p.therapistId,
      summary: `Changed ${p.name}'s receipt details`,
    })
    return p
  },
  'money.setServiceVatRate': async (ctx, input) => {
    const done = await setServiceVatRate(ctx.db, input.serviceId, input.vatRate)
    await ctx.audit({
      action: 'money.service-vat',
      entityType: 'service',
      entityId: input.serviceId,
      summary: `Set the VAT rate to ${input.vatRate}`,
    })
    return done
  },
  'money.account': async (ctx, input) => clientAccount(ctx.db, input.clientId),
  'money.outstanding': async (ctx, input) => outstanding(ctx.db, ctx.now, input),
  'money.forAppointments': async (ctx, input) => {
    const rows = await paymentsForAppointments(
      ctx.db,
      input.appointmentIds,
      ctx.session?.role === 'therapist' ? ctx.session.userId : null,
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
  'invoices.saveDraft': async (ctx, input) => {
    const id = await saveDraft(ctx.db, input, actorOf(ctx), ctx.now)
    await ctx.audit({
      action: input.id ? 'invoice.draft-update' : 'invoice.draft-create',
      entityType: 'client',
      entityId: input.clientId,
      summary: `Saved draft invoice #${id}`,
    })
    return getInvoice(ctx.db, id)
  },
  'invoices.discardDraft': async (ctx, input) => {
    // discardDraft refuses a missing id with a typed not_found before anything is read here.
    const found = await ctx.db
      .selectFrom('invoices')
      .select('client_id')
      .where('id', '=', input.id)
      .executeTakeFirst()
    await discardDraft(ctx.db, input.id)
    const client_id = found!.client_id
    await ctx.audit({
      action: 'invoice.draft-discard',
      entityType: 'client',
      entityId: client_id,
      summary: `Discarded draft invoice #${input.id}`,
    })
    return { id: input.id }
  },
  'invoices.issue': async (ctx, input) => {
    const issued = await issueInvoice(ctx.db, input.id, actorOf(ctx), ctx.now)
    await ctx.audit({
      action: 'invoice.issue',
      entityType: 'client',
      entityId: issued.clientId,
      summary: `Issued ${issued.number} for ${formatPence(issued.grossPence)}`,
    })
    return getInvoice(ctx.db, input.id)
  },
  'invoices.pdf': async (ctx, input) => {
    const { bytes, invoice } = await invoicePdf(ctx.db, input.id)
    await ctx.audit({
      action: 'invoice.pdf',
      entityType: 'client',
      entityId: invoice.clientId,
      summary: `Printed ${invoice.number ?? `draft invoice #${invoice.id}`}`,
    })
    return {
      filename: `${invoice.number ?? `draft-${invoice.id}`}.pdf`,
      base64: Buffer.from(bytes).toString('base64'),
    }
  },
  'invoices.chargeFee': async (ctx, input) => {
    const fee = await chargeFee(ctx.db, input.appointmentId, actorOf(ctx), ctx.now)
    await ctx.audit({
      action: 'invoice.fee',
      entityType: 'client',
      entityId: fee.clientId,
      summary: `Charged a ${formatPence(fee.pence)} fee on ${fee.number}`,
    })
    return getInvoice(ctx.db, fee.invoiceId)
  },
  'invoices.checkout': async (ctx, input) => {
    const done = await checkout(ctx.db, input, actorOf(ctx), ctx.now)
    const invoice = await getInvoice(ctx.db, done.invoiceId)
    if (done.created) {
      await ctx.audit({
        action: 'invoice.issue',
        entityType: 'client',
        entityId: invoice.clientId,
        summary: `Issued ${done.number} for ${formatPence(invoice.grossPence)} at checkout`,
      })
    }
    await ctx.audit({
      action: 'payment.take',
      entityType: 'client',
      entityId: invoice.clientId,
      summary: `Took ${formatPence(done.totalPence)} for ${done.number}`,
    })
    return {
      batch: done.batch,
      invoices: [summaryOf(invoice)],
      toCreditPence: done.toCreditPence,
      creditPence: await creditOf(ctx.db, invoice.clientId),
      invoice,
    }
  },
}

export const paymentsHandlers: HandlersOf<'payments.'> = {
  'payments.take': async (ctx, input) => {
    const done = await takePayment(ctx.db, input, actorOf(ctx), ctx.now)
    await ctx.audit({
      action: 'payment.take',
      entityType: 'client',
      entityId: input.clientId,
      summary: `Took ${formatPence(done.totalPence)}${done.toCreditPence ? `, ${formatPence(done.toCreditPence)} to account credit` : ''}`,
    })
    const { rows } = await listInvoices(ctx.db, {
      status: 'all',
      ids: done.invoiceIds,
      limit: 50,
      offset: 0,
    })
    return {
      batch: done.batch,
      invoices: rows,
      toCreditPence: done.toCreditPence,
      creditPence: await creditOf(ctx.db, input.clientId),
    }
  },
  'payments.refund': async (ctx, input) => {
    const done = await refund(ctx.db, input, actorOf(ctx), ctx.now)
    await ctx.audit({
      action: 'payment.refund',
      entityType: 'client',
      entityId: input.clientId,
      summary: `Refunded ${formatPence(input.amountPence)}${done.invoiceId ? ` from invoice #${done.invoiceId}` : ' from account credit'}${done.toCredit ? ' to account credit' : ''}`,
    })
    return {
      ...(await clientAccount(ctx.db, input.clientId)),
      invoice: done.invoiceId === null ? null : await getInvoice(ctx.db, done.invoiceId),
    }
  },
  'payments.reverse': async (ctx, input) => {
    const done = await reverseEntry(ctx.db, input, actorOf(ctx), ctx.now)
    await ctx.audit({
      action: 'payment.reverse',
      entityType: 'client',
      entityId: done.clientId,
      summary: `Reversed ledger entry #${input.entryId} of ${formatPence(done.amountPence)}`,
    })
    return {
      ...(await clientAccount(ctx.db, done.clientId)),
      invoice: done.invoiceId === null ? null : await getInvoice(ctx.db, done.invoiceId),
    }
  },
}

export const creditNotesHandlers: HandlersOf<'creditNotes.'> = {
  'creditNotes.issue': async (ctx, input) => {
    const done = await issueCreditNote(ctx.db, input, actorOf(ctx), ctx.now)
    await ctx.audit({
      action: 'credit-note.issue',
      entityType: 'client',
      entityId: done.clientId,
      summary: `Issued ${done.number} for ${formatPence(input.amountPence)} against ${done.invoiceNumber}`,
    })
    return getInvoice(ctx.db, input.invoiceId)
  },
}

export const cashUpHandlers: HandlersOf<'cashUp.'> = {
  'cashUp.day': async (ctx, input) => cashUpDay(ctx.db, input.date),
  'cashUp.record': async (ctx, input) => {
    const done = await recordCashUp(ctx.db, input, actorOf(ctx), ctx.now)
    await ctx.audit({
      action: 'cash-up.record',
      entityType: 'cash-up',
      entityId: done.id,
      summary: `Cash-up for ${input.date}: ${done.differencePence === 0 ? 'balanced' : `${done.differencePence > 0 ? 'over' : 'short'} by ${formatPence(Math.abs(done.differencePence))}`}`,
    })
    return cashUpDay(ctx.db, input.date)
  },
}

export const productsHandlers: HandlersOf<'products.'> = {
  'products.list': async (ctx, input) => listProducts(ctx.db, input.includeInactive),
  'products.save': async (ctx, input) => {
    const p = await saveProduct(ctx.db, input, ctx.now)
    await ctx.audit({
      action: input.id ? 'product.update' : 'product.create',
      entityType: 'product',
      entityId: p.id,
      summary: `${input.id ? 'Changed' : 'Added'} product "${p.name}" at ${formatPence(p.pricePence)}`,
    })
    return p
  },
}

export const vouchersHandlers: HandlersOf<'vouchers.'> = {
  'vouchers.sell': async (ctx, input) => {
    const sold = await sellVoucher(ctx.db, input, actorOf(ctx), ctx.now)
    await ctx.audit({
      action: 'voucher.sell',
      entityType: 'client',
      entityId: input.clientId,
      summary: `Sold gift voucher ${sold.code} for ${formatPence(input.valuePence)} on ${sold.number}`,
    })
    const { rows } = await listVouchers(ctx.db, ctx.now)
    return {
      voucher: rows.find((v) => v.id === sold.voucherId)!,
      invoice: await getInvoice(ctx.db, sold.invoiceId),
    }
  },
  'vouchers.list': async (ctx) => listVouchers(ctx.db, ctx.now),
  'vouchers.pdf': async (ctx, input) => {
    const { bytes, voucher } = await voucherPdf(ctx.db, input.id, ctx.now)
    await ctx.audit({
      action: 'voucher.pdf',
      entityType: 'client',
      entityId: voucher.buyerId,
      summary: `Printed gift voucher ${voucher.code}`,
    })
    return { filename: `${voucher.code}.pdf`, base64: Buffer.from(bytes).toString('base64') }
  },
}
