import { z } from 'zod'
import { method } from './define'
import {
  commissionRate,
  rangeInput,
  reportAccess,
  REPORT_IDS,
  report,
  reportSettings,
  reportTable,
} from './report-values'

const id = z.number().int().positive().max(2_147_483_647)

const reportRequest = z.object({
  report: z.enum(REPORT_IDS),
  range: rangeInput,
  therapistId: id.optional(),
  serviceId: id.optional(),
  /** Also work out the period before, for the cards' change. */
  compare: z.boolean().default(true),
  /** The recall list's "not seen for N weeks"; the owner's setting when left out. */
  recallWeeks: z.number().int().min(1, 'At least 1 week').max(520, 'At most 520 weeks').optional(),
})

const figureId = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z-]+$/, 'Choose a figure')

/**
 * Reports (issue 14). The owner runs every report; a therapist runs their own appointment,
 * utilisation and commission figures once the owner allows it (checked in main, which forces
 * their own therapist); reception none.
 */
export const reportsContract = {
  'reports.access': method({
    summary: 'Check which reports I may see',
    input: z.object({}),
    output: reportAccess,
    roles: ['owner', 'therapist'],
  }),
  'reports.get': method({
    summary: 'Run a report',
    input: reportRequest,
    output: report,
    roles: ['owner', 'therapist'],
  }),
  'reports.rows': method({
    summary: 'List the rows behind a report figure',
    input: reportRequest.extend({
      figure: figureId,
      limit: z.number().int().min(1).max(1000).default(200),
      offset: z.number().int().min(0).max(10_000_000).default(0),
    }),
    output: reportTable,
    roles: ['owner', 'therapist'],
  }),
  'reports.exportCsv': method({
    summary: 'Export a report as CSV',
    input: reportRequest.extend({ figure: figureId.optional() }),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
    roles: ['owner', 'therapist'],
  }),
  'reports.settings': method({
    summary: 'Open the report settings',
    input: z.object({}),
    output: z.object({ settings: reportSettings, rates: z.array(commissionRate) }),
    roles: ['owner'],
  }),
  'reports.updateSettings': method({
    summary: 'Change the report settings',
    input: reportSettings,
    output: reportSettings,
    roles: ['owner'],
  }),
  'reports.setCommissionRates': method({
    summary: 'Set a therapist’s commission rates',
    input: z.object({
      therapistId: id,
      rates: z.array(commissionRate.omit({ therapistId: true })).max(200, 'At most 200 rates'),
    }),
    output: z.array(commissionRate),
    roles: ['owner'],
  }),
}
