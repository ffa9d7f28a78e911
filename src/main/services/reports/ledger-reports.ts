import { VAT_RATE_LABELS } from '../../../shared/contract/money-values'
import { AGEING_BUCKETS, outstandingPage, outstandingTotals } from '../money/account'
import { unusedValue } from '../money/package-read'
import { utcToZoned } from '../diary/clinic-clock'
import type { Period } from './range'
import {
  figure,
  fullName,
  table,
  unknownFigure,
  type ReportContext,
  type ReportDefinition,
} from './report-kit'

// The reports that read the money ledger as it stands, or by tax point: what is owed, the VAT
// return's figures, and what the clinic still owes its clients in sessions and vouchers.

const DAY = 86_400_000

export const outstandingReport: ReportDefinition = {
  async run(ctx) {
    const t = await outstandingTotals(ctx.db, ctx.now).executeTakeFirstOrThrow()
    const buckets = [t.b0, t.b1, t.b2, t.b3].map(Number)
    const total = buckets.reduce((s, b) => s + b, 0)
    return {
      title: 'Outstanding invoices',
      figures: [
        figure('owed', 'Owed to the clinic', 'pence', total, null, 'outstanding'),
        figure(
          'invoices',
          'Invoices with something due',
          'count',
          Number(t.count),
          null,
          'outstanding',
        ),
      ],
      tables: [
        table(
          'ageing',
          'Ageing',
          'outstanding',
          [
            ['age', 'Days since issue', 'text'],
            ['owed', 'Owed', 'pence'],
          ],
          AGEING_BUCKETS.map((age, i) => ({ age, owed: buckets[i]! })),
        ),
      ],
      series: [],
    }
  },
  async rows(ctx, figureId) {
    if (!['owed', 'invoices'].includes(figureId)) unknownFigure(figureId)
    const rows = await outstandingPage(ctx.db, { limit: 1_000_000, offset: 0 }).execute()
    return table(
      figureId,
      'Invoices with something due, oldest first',
      'outstanding',
      [
        ['number', 'Invoice', 'text'],
        ['client', 'Client', 'text'],
        ['issuedAt', 'Issued', 'datetime'],
        ['ageDays', 'Days', 'count'],
        ['gross', 'Total', 'pence'],
        ['due', 'Due', 'pence'],
      ],
      rows.map((r) => ({
        invoiceId: r.invoice_id,
        number: r.number,
        clientId: r.client_id,
        client: r.client_name,
        issuedAt: r.issued_at,
        ageDays: Math.max(0, Math.floor((ctx.now.getTime() - Date.parse(r.issued_at)) / DAY)),
        gross: r.gross_pence,
        due: r.due_pence,
      })),
      { kind: 'invoice', key: 'invoiceId' },
    )
  },
}

async function vatLines(ctx: ReportContext, period: Period) {
  return ctx.db
    .selectFrom('invoice_lines as l')
    .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .select((eb) => [
      'l.vat_rate',
      'l.vat_bp',
      eb.fn.sum<number>('l.net_pence').as('net'),
      eb.fn.sum<number>('l.vat_pence').as('vat'),
      eb.fn.sum<number>('l.gross_pence').as('gross'),
    ])
    .where('i.status', '=', 'issued')
    .where('i.tax_point', '>=', period.fromDate)
    .where('i.tax_point', '<=', period.toDate)
    .groupBy(['l.vat_rate', 'l.vat_bp'])
    .orderBy('l.vat_bp', 'desc')
    .execute()
}

export const vatReport: ReportDefinition = {
  async run(ctx) {
    const settings = await ctx.db
      .selectFrom('money_settings')
      .select('vat_registered')
      .executeTakeFirst()
    const [lines, credits] = await Promise.all([
      vatLines(ctx, ctx.period),
      ctx.db
        .selectFrom('credit_notes')
        .select((eb) => [
          eb.fn.coalesce(eb.fn.sum<number>('net_pence'), eb.lit(0)).as('net'),
          eb.fn.coalesce(eb.fn.sum<number>('vat_pence'), eb.lit(0)).as('vat'),
          eb.fn.coalesce(eb.fn.sum<number>('gross_pence'), eb.lit(0)).as('gross'),
        ])
        .where('issued_at', '>=', ctx.period.fromAt)
        .where('issued_at', '<', ctx.period.toAt)
        .executeTakeFirstOrThrow(),
    ])
    const rows = lines.map((l) => ({
      rate: `${VAT_RATE_LABELS[l.vat_rate]}${l.vat_bp ? ` ${l.vat_bp / 100} %` : ''}`,
      net: Number(l.net),
      vat: Number(l.vat),
      gross: Number(l.gross),
    }))
    rows.push({
      rate: 'Less credit notes',
      net: -Number(credits.net),
      vat: -Number(credits.vat),
      gross: -Number(credits.gross),
    })
    const outputVat = rows.reduce((s, r) => s + r.vat, 0)
    return {
      title: settings?.vat_registered
        ? 'VAT summary'
        : 'VAT summary (the clinic is not VAT registered)',
      figures: [figure('output-vat', 'Output VAT', 'pence', outputVat, null, 'vat')],
      tables: [
        table(
          'by-rate',
          'Output VAT by rate',
          'vat',
          [
            ['rate', 'Rate', 'text'],
            ['net', 'Net', 'pence'],
            ['vat', 'VAT', 'pence'],
            ['gross', 'Gross', 'pence'],
          ],
          rows,
        ),
      ],
      series: [],
    }
  },
  /**
   * The invoices behind the output VAT (tax point in the period), then the credit notes issued
   * in it (less), each linking to its invoice.
   */
  async rows(ctx, figureId) {
    if (figureId !== 'output-vat') unknownFigure(figureId)
    const [invoices, credits] = await Promise.all([
      ctx.db
        .selectFrom('invoices')
        .select([
          'id',
          'number',
          'client_id',
          'client_name',
          'tax_point',
          'net_pence',
          'vat_pence',
          'gross_pence',
        ])
        .where('status', '=', 'issued')
        .where('tax_point', '>=', ctx.period.fromDate)
        .where('tax_point', '<=', ctx.period.toDate)
        .orderBy('tax_point')
        .orderBy('id')
        .execute(),
      ctx.db
        .selectFrom('credit_notes as cn')
        .innerJoin('invoices as i', 'i.id', 'cn.invoice_id')
        .select([
          'cn.invoice_id',
          'cn.number',
          'cn.client_id',
          'i.client_name',
          'cn.issued_at',
          'cn.net_pence',
          'cn.vat_pence',
          'cn.gross_pence',
        ])
        .where('cn.issued_at', '>=', ctx.period.fromAt)
        .where('cn.issued_at', '<', ctx.period.toAt)
        .orderBy('cn.issued_at')
        .orderBy('cn.id')
        .execute(),
    ])
    return table(
      'output-vat',
      'Invoices and credit notes behind the output VAT',
      'vat',
      [
        ['date', 'Tax point or issued', 'date'],
        ['number', 'Number', 'text'],
        ['client', 'Client', 'text'],
        ['net', 'Net', 'pence'],
        ['vat', 'VAT', 'pence'],
        ['gross', 'Gross', 'pence'],
      ],
      [
        ...invoices.map((i) => ({
          invoiceId: i.id,
          date: i.tax_point,
          number: i.number,
          clientId: i.client_id,
          client: i.client_name,
          net: i.net_pence,
          vat: i.vat_pence,
          gross: i.gross_pence,
        })),
        ...credits.map((c) => ({
          invoiceId: c.invoice_id,
          date: utcToZoned(Date.parse(c.issued_at), ctx.timeZone).date,
          number: c.number,
          clientId: c.client_id,
          client: c.client_name,
          net: -c.net_pence,
          vat: -c.vat_pence,
          gross: -c.gross_pence,
        })),
      ],
      { kind: 'invoice', key: 'invoiceId' },
    )
  },
}

async function liabilitiesNow(ctx: ReportContext) {
  const today = utcToZoned(ctx.now.getTime(), ctx.timeZone).date
  const packages = await ctx.db
    .selectFrom('client_packages as p')
    .innerJoin('clients as c', 'c.id', 'p.client_id')
    .select((eb) => [
      'p.id',
      'p.client_id',
      'c.first_name',
      'c.last_name',
      'p.name',
      'p.sessions',
      'p.price_pence',
      'p.expires_on',
      eb
        .selectFrom('package_sessions as s')
        .select((f) => f.fn.sum<number>('s.sessions').as('n'))
        .whereRef('s.package_id', '=', 'p.id')
        .as('moved'),
    ])
    .where('p.expires_on', '>=', today)
    .orderBy('p.expires_on')
    .orderBy('p.id')
    .execute()
  const vouchers = await ctx.db
    .selectFrom('gift_vouchers as v')
    .select((eb) => [
      'v.id',
      'v.code',
      'v.client_id',
      'v.recipient_name',
      'v.value_pence',
      'v.expires_on',
      eb
        .selectFrom('ledger_entries as e')
        .select((f) => f.fn.sum<number>('e.amount_pence').as('n'))
        .whereRef('e.voucher_id', '=', 'v.id')
        .as('used'),
    ])
    .where('v.expires_on', '>=', today)
    .orderBy('v.expires_on')
    .orderBy('v.id')
    .execute()
  const packageRows = packages
    .map((p) => {
      const left = p.sessions + Number(p.moved ?? 0)
      return {
        clientId: p.client_id,
        client: fullName(p.first_name, p.last_name),
        package: p.name,
        left,
        expiresOn: p.expires_on,
        value: left > 0 ? unusedValue(p.price_pence, p.sessions, left) : 0,
      }
    })
    .filter((p) => p.left > 0)
  const voucherRows = vouchers
    .map((v) => ({
      clientId: v.client_id,
      code: v.code,
      recipient: v.recipient_name,
      expiresOn: v.expires_on,
      value: v.value_pence - Number(v.used ?? 0),
    }))
    .filter((v) => v.value > 0)
  return { packageRows, voucherRows }
}

export const liabilitiesReport: ReportDefinition = {
  async run(ctx) {
    const { packageRows, voucherRows } = await liabilitiesNow(ctx)
    return {
      title: 'Liabilities',
      figures: [
        figure(
          'package-sessions',
          'Package sessions not yet used',
          'count',
          packageRows.reduce((s, p) => s + p.left, 0),
          null,
          'packageLiability',
        ),
        figure(
          'package-value',
          'Value of unused sessions',
          'pence',
          packageRows.reduce((s, p) => s + p.value, 0),
          null,
          'packageLiability',
        ),
        figure(
          'voucher-value',
          'Unredeemed gift vouchers',
          'pence',
          voucherRows.reduce((s, v) => s + v.value, 0),
          null,
          'voucherLiability',
        ),
      ],
      tables: [],
      series: [],
    }
  },
  async rows(ctx, figureId) {
    const { packageRows, voucherRows } = await liabilitiesNow(ctx)
    if (figureId === 'voucher-value') {
      return table(
        'voucher-value',
        'Gift vouchers with value left',
        'voucherLiability',
        [
          ['code', 'Voucher', 'text'],
          ['recipient', 'For', 'text'],
          ['expiresOn', 'Expires', 'date'],
          ['value', 'Value left', 'pence'],
        ],
        voucherRows,
        { kind: 'client', key: 'clientId' },
      )
    }
    if (figureId !== 'package-sessions' && figureId !== 'package-value') unknownFigure(figureId)
    return table(
      figureId,
      'Packages with sessions left',
      'packageLiability',
      [
        ['client', 'Client', 'text'],
        ['package', 'Package', 'text'],
        ['left', 'Sessions left', 'count'],
        ['expiresOn', 'Expires', 'date'],
        ['value', 'Value', 'pence'],
      ],
      packageRows,
      { kind: 'client', key: 'clientId' },
    )
  },
}
