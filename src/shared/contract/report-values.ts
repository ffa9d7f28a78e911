import { z } from 'zod'
import { localDate } from './diary-setup'

// The shapes every report shares (issue 14): figures with their definitions and the period
// before, tables of rows behind them with links to the records, and chart series.

export const RANGE_PRESETS = [
  'today',
  'this_week',
  'this_month',
  'last_month',
  'this_quarter',
  'tax_year',
  'last_tax_year',
  'vat_quarter',
  'custom',
] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]

export const RANGE_PRESET_LABELS: Record<RangePreset, string> = {
  today: 'Today',
  this_week: 'This week',
  this_month: 'This month',
  last_month: 'Last month',
  this_quarter: 'This quarter',
  tax_year: 'This tax year (from 6 April)',
  last_tax_year: 'Last tax year',
  vat_quarter: 'A VAT quarter',
  custom: 'Custom range',
}

/** The longest custom range a report runs over: about five years. */
export const MAX_RANGE_DAYS = 1900

export const rangeInput = z
  .object({
    preset: z.enum(RANGE_PRESETS),
    from: localDate.optional(),
    to: localDate.optional(),
    /** For 'vat_quarter': the month the quarter ends in, "2026-06" (shared/reports/vat-quarters). */
    quarter: z
      .string()
      .regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/, 'Choose a VAT quarter')
      .optional(),
  })
  .superRefine((r, ctx) => {
    if (r.preset === 'vat_quarter' && !r.quarter) {
      ctx.addIssue({ code: 'custom', path: ['quarter'], message: 'Choose a VAT quarter' })
    }
    if (r.preset !== 'custom') return
    if (!r.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Enter a start date' })
    if (!r.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Enter an end date' })
    if (r.from && r.to) {
      if (r.to < r.from) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'End on or after the start' })
      } else if (
        (Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / 86_400_000 >
        MAX_RANGE_DAYS
      ) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'Choose at most five years' })
      }
    }
  })
export type RangeInput = z.input<typeof rangeInput>

export const REPORT_IDS = [
  'takings',
  'outstanding',
  'vat',
  'appointments',
  'utilisation',
  'clients',
  'recall',
  'referrals',
  'commission',
  'liabilities',
] as const
export type ReportId = (typeof REPORT_IDS)[number]

/** What a therapist may run, when the owner allows it: their own figures only. */
export const THERAPIST_REPORTS: readonly ReportId[] = ['appointments', 'utilisation', 'commission']

/** What the signed-in user may see on the Reports screen (reports.access). */
export const reportAccess = z.object({
  allowed: z.boolean(),
  reports: z.array(z.enum(REPORT_IDS)),
  /** A therapist's own diary therapist, whose figures they see; null for the owner. */
  therapist: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** Why not, in words, when not allowed. */
  reason: z.string().nullable(),
})
export type ReportAccess = z.output<typeof reportAccess>

export const VALUE_KINDS = ['pence', 'count', 'percent', 'minutes', 'number'] as const
export type ValueKind = (typeof VALUE_KINDS)[number]

export const reportPeriod = z.object({
  fromDate: z.string(),
  toDate: z.string(),
  label: z.string(),
})
export type ReportPeriod = z.output<typeof reportPeriod>

export const reportFigure = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(VALUE_KINDS),
  /** Null when it cannot be worked out (a rate over nothing). Percent: 0..1. */
  value: z.number().nullable(),
  previous: z.number().nullable(),
  definition: z.string(),
  /** Whether reports.rows can list the rows behind it. */
  hasRows: z.boolean(),
})
export type ReportFigure = z.output<typeof reportFigure>

export const reportColumn = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum([...VALUE_KINDS, 'text', 'date', 'datetime']),
})
export type ReportColumn = z.output<typeof reportColumn>

export const LINK_KINDS = ['appointment', 'invoice', 'client'] as const
export type LinkKind = (typeof LINK_KINDS)[number]

export const reportCell = z.union([z.string(), z.number(), z.null()])
export type ReportCell = z.output<typeof reportCell>

export const reportTable = z.object({
  id: z.string(),
  title: z.string(),
  definition: z.string(),
  columns: z.array(reportColumn),
  rows: z.array(z.record(z.string(), reportCell)),
  /** Each row's record: the column holding its id, and what kind of record it is. */
  link: z.object({ kind: z.enum(LINK_KINDS), key: z.string() }).nullable(),
  /** Rows there are in all; `rows` may hold fewer (a page). */
  total: z.number().int(),
})
export type ReportTable = z.output<typeof reportTable>

export const reportSeries = z.object({
  id: z.string(),
  title: z.string(),
  definition: z.string(),
  kind: z.enum(VALUE_KINDS),
  points: z.array(z.object({ label: z.string(), value: z.number().nullable() })),
})
export type ReportSeries = z.output<typeof reportSeries>

export const report = z.object({
  id: z.enum(REPORT_IDS),
  title: z.string(),
  period: reportPeriod,
  previous: reportPeriod.nullable(),
  figures: z.array(reportFigure),
  tables: z.array(reportTable),
  series: z.array(reportSeries),
})
export type Report = z.output<typeof report>

export const reportSettings = z.object({
  rebookWindowDays: z.number().int().min(0).max(365),
  therapistsSeeOwn: z.boolean(),
  commissionBasis: z.enum(['received', 'invoiced']),
  recallWeeks: z.number().int().min(1).max(520),
  /** HMRC's stagger: 1 = quarters end March/June/September/December (calendar quarters). */
  vatStagger: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
})
export type ReportSettings = z.output<typeof reportSettings>

export const commissionRate = z.object({
  therapistId: z.number().int().positive(),
  /** Null: every service the therapist gives, unless the service has its own rate. */
  serviceId: z.number().int().positive().nullable(),
  /** Whole percent with up to two decimals, as basis points: 4000 = 40 %. */
  rateBp: z.number().int().min(0, 'At least 0 %').max(10_000, 'At most 100 %'),
})
export type CommissionRate = z.output<typeof commissionRate>
