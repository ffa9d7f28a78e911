import type { Kysely } from 'kysely'
import type { ReportSettings } from '../../../shared/contract/report-values'
import type { DB } from '../../db/schema'

/**
 * The owner's report settings (migration 1000: one row, defaults 30 days, 12 weeks; 1030: the
 * VAT stagger, default 1 = calendar quarters).
 */
export async function getReportSettings(db: Kysely<DB>): Promise<ReportSettings> {
  const r = await db
    .selectFrom('report_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return {
    rebookWindowDays: r.rebook_window_days,
    therapistsSeeOwn: r.therapists_see_own === 1,
    commissionBasis: r.commission_basis,
    recallWeeks: r.recall_weeks,
    vatStagger: r.vat_stagger,
  }
}

export async function updateReportSettings(
  db: Kysely<DB>,
  input: ReportSettings,
): Promise<ReportSettings> {
  await db
    .updateTable('report_settings')
    .set({
      rebook_window_days: input.rebookWindowDays,
      therapists_see_own: input.therapistsSeeOwn ? 1 : 0,
      commission_basis: input.commissionBasis,
      recall_weeks: input.recallWeeks,
      vat_stagger: input.vatStagger,
    })
    .where('id', '=', 1)
    .execute()
  return getReportSettings(db)
}
