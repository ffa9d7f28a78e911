import { reportCsv, reportRows, runReport, scopeFor } from '../../services/reports'
import { commissionRates, setCommissionRates } from '../../services/reports/commission'
import { getReportSettings, updateReportSettings } from '../../services/reports/report-settings'
import type { HandlersOf } from './types'

// Thin: roles beyond the contract's (a therapist's own figures, when allowed) are decided in
// services/reports (scopeFor). Audit summaries name the report and period only.

export const reportsHandlers: HandlersOf<'reports.'> = {
  'reports.run': async (ctx, input) =>
    runReport(ctx.db, await scopeFor(ctx.db, ctx.session, input), ctx.now),
  'reports.rows': async (ctx, input) =>
    reportRows(ctx.db, { ...input, ...(await scopeFor(ctx.db, ctx.session, input)) }, ctx.now),
  'reports.exportCsv': async (ctx, input) => {
    const file = await reportCsv(
      ctx.db,
      { ...input, ...(await scopeFor(ctx.db, ctx.session, input)) },
      ctx.now,
    )
    await ctx.audit({
      action: 'reports.export',
      summary: `Exported the ${input.report} report (${file.rows} rows) as CSV`,
    })
    return file
  },
  'reports.settings': async (ctx) => ({
    settings: await getReportSettings(ctx.db),
    rates: await commissionRates(ctx.db),
  }),
  'reports.updateSettings': async (ctx, input) => {
    const settings = await updateReportSettings(ctx.db, input)
    await ctx.audit({ action: 'reports.settings', summary: 'Changed the report settings' })
    return settings
  },
  'reports.setCommissionRates': async (ctx, input) => {
    const rates = await setCommissionRates(ctx.db, input.therapistId, input.rates)
    await ctx.audit({
      action: 'reports.commission',
      entityType: 'therapist',
      entityId: input.therapistId,
      summary: `Set ${input.rates.length} commission rate(s)`,
    })
    return rates
  },
}
