import { reportAccess, reportCsv, reportRows, runReport, scopeFor } from '../../services/reports'
import { commissionRates, setCommissionRates } from '../../services/reports/commission'
import { getReportSettings, updateReportSettings } from '../../services/reports/report-settings'
import { audited } from './audited'
import type { HandlersOf } from './types'

// Thin: roles beyond the contract's (a therapist's own figures, when allowed) are decided in
// services/reports (scopeFor). Audit summaries name the report and a count only.

export const reportsHandlers: HandlersOf<'reports.'> = {
  'reports.access': async (ctx) => reportAccess(ctx.db, ctx.session),
  'reports.get': async (ctx, input) =>
    runReport(ctx.db, await scopeFor(ctx.db, ctx.session, input), ctx.now),
  'reports.rows': async (ctx, input) =>
    reportRows(ctx.db, await scopeFor(ctx.db, ctx.session, input), ctx.now),
  'reports.exportCsv': audited(async (ctx, input) => {
    const file = await reportCsv(ctx.db, await scopeFor(ctx.db, ctx.session, input), ctx.now)
    return {
      value: file,
      audit: { summary: `Exported the ${input.report} report (${file.rows} rows) as CSV` },
    }
  }),
  'reports.settings': async (ctx) => ({
    settings: await getReportSettings(ctx.db),
    rates: await commissionRates(ctx.db),
  }),
  'reports.updateSettings': audited(async (ctx, input) => ({
    value: await updateReportSettings(ctx.db, input),
    audit: { summary: 'Changed the report settings' },
  })),
  'reports.setCommissionRates': audited(async (ctx, input) => ({
    value: await setCommissionRates(ctx.db, input.therapistId, input.rates),
    audit: {
      entityType: 'therapist',
      entityId: input.therapistId,
      summary: `Set ${input.rates.length} commission rate(s)`,
    },
  })),
}
