import type { Kysely } from 'kysely'
import type {
  RangeInput,
  Report,
  ReportId,
  ReportTable,
} from '../../../shared/contract/report-values'
import type { DB } from '../../db/schema'
import { csvText } from '../csv-cell'
import { getClinicSettings } from '../settings'
import { appointmentsReport } from './appointments'
import { clientsReport, referralsReport } from './clients'
import { commissionReport } from './commission'
import { liabilitiesReport, outstandingReport, vatReport } from './ledger-reports'
import { resolveRange } from './range'
import { recallReport } from './recall'
import { getReportSettings } from './report-settings'
export { reportAccess, scopeFor } from './access'
import type { ReportContext, ReportDefinition } from './report-kit'
import { takingsReport } from './takings'
import { utilisationReport } from './utilisation'

/** Every report, by id: the one list the router, the CSV export and the bench go through. */
export const REPORTS: Record<ReportId, ReportDefinition> = {
  takings: takingsReport,
  outstanding: outstandingReport,
  vat: vatReport,
  appointments: appointmentsReport,
  utilisation: utilisationReport,
  clients: clientsReport,
  recall: recallReport,
  referrals: referralsReport,
  commission: commissionReport,
  liabilities: liabilitiesReport,
}

export interface ReportRequest {
  report: ReportId
  range: RangeInput
  therapistId?: number | undefined
  serviceId?: number | undefined
  compare?: boolean | undefined
  recallWeeks?: number | undefined
}

async function contextOf(
  db: Kysely<DB>,
  request: ReportRequest,
  now: Date,
): Promise<ReportContext> {
  const [{ timeZone }, settings] = await Promise.all([getClinicSettings(db), getReportSettings(db)])
  const { period, previous } = resolveRange(request.range, now, timeZone)
  return {
    db,
    period,
    previous: request.compare === false ? null : previous,
    timeZone,
    therapistId: request.therapistId ?? null,
    serviceId: request.serviceId ?? null,
    now,
    rebookWindowDays: settings.rebookWindowDays,
    recallWeeks: request.recallWeeks ?? settings.recallWeeks,
    commissionBasis: settings.commissionBasis,
  }
}

/** One report over a period, with the period before for comparison. */
export async function runReport(
  db: Kysely<DB>,
  request: ReportRequest,
  now: Date,
): Promise<Report> {
  const ctx = await contextOf(db, request, now)
  const body = await REPORTS[request.report].run(ctx)
  const period = (p: typeof ctx.period) => ({
    fromDate: p.fromDate,
    toDate: p.toDate,
    label: p.label,
  })
  return {
    id: request.report,
    ...body,
    period: period(ctx.period),
    previous: ctx.previous ? period(ctx.previous) : null,
  }
}

/** The rows behind one figure, a page at a time; `total` counts them all. */
export async function reportRows(
  db: Kysely<DB>,
  request: ReportRequest & { figure: string; limit: number; offset: number },
  now: Date,
): Promise<ReportTable> {
  const ctx = await contextOf(db, request, now)
  const all = await REPORTS[request.report].rows(ctx, request.figure)
  return { ...all, rows: all.rows.slice(request.offset, request.offset + request.limit) }
}

/**
 * A report as a CSV file: its figures (with the period before) and every table, or with
 * `figure` the rows behind that figure. Cells go through csvCell's formula-injection guard.
 */
export async function reportCsv(
  db: Kysely<DB>,
  request: ReportRequest & { figure?: string | undefined },
  now: Date,
): Promise<{ fileName: string; csv: string; rows: number }> {
  const ctx = await contextOf(db, request, now)
  const stamp = `${ctx.period.fromDate}_${ctx.period.toDate}`
  if (request.figure) {
    const t = await REPORTS[request.report].rows(ctx, request.figure)
    const csv = csvText(
      t.columns.map(headerOf),
      t.rows.map((r) => t.columns.map((c) => csvValue(c.kind, r[c.key] ?? null))),
    )
    return {
      fileName: `plinth-${request.report}-${request.figure}-${stamp}.csv`,
      csv,
      rows: t.rows.length,
    }
  }
  const report = await REPORTS[request.report].run(ctx)
  const lines: (string | number | null)[][] = []
  lines.push(['Period', ctx.period.label])
  for (const f of report.figures) {
    lines.push([
      f.label,
      csvValue(f.kind, f.value),
      csvValue(f.kind, f.previous),
      UNITS[f.kind] ?? '',
      f.definition,
    ])
  }
  for (const t of report.tables) {
    lines.push([])
    lines.push([t.title])
    lines.push(t.columns.map(headerOf))
    for (const r of t.rows) lines.push(t.columns.map((c) => csvValue(c.kind, r[c.key] ?? null)))
  }
  const csv = csvText(['Figure', 'Value', 'Previous period', 'Unit', 'Definition'], lines)
  return { fileName: `plinth-${request.report}-${stamp}.csv`, csv, rows: lines.length }
}

const UNITS: Record<string, string | undefined> = {
  pence: '£',
  percent: '%',
  count: '',
  minutes: 'minutes',
  number: '',
}

const headerOf = (c: { label: string; kind: string }) =>
  c.kind === 'pence' ? `${c.label} (£)` : c.kind === 'percent' ? `${c.label} (%)` : c.label

/** Pounds with two decimals and percentages to one decimal: what a spreadsheet sums. */
function csvValue(kind: string, value: string | number | null): string | number | null {
  if (typeof value !== 'number') return value
  // Numbers, not strings: csvCell guards strings starting with "-" as formulas, and a
  // refund of -£5.00 must stay a number a spreadsheet can sum.
  if (kind === 'pence') return value / 100
  if (kind === 'percent') return Math.round(value * 1000) / 10
  if (kind === 'number') return Math.round(value * 100) / 100
  return value
}
