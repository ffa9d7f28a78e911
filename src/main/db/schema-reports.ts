import type { Generated } from 'kysely'

// Typed tables of migration 1000-report-settings.

export interface ReportSettingsTable {
  id: number
  /** A visit counts as rebooked when the next booking is made within this many days. */
  rebook_window_days: Generated<number>
  /** 1: therapists see their own appointment figures and commission. */
  therapists_see_own: Generated<number>
  commission_basis: Generated<'received' | 'invoiced'>
  /** The recall list's default: clients not seen for this many weeks. */
  recall_weeks: Generated<number>
  /** Migration 1030: which months VAT quarters end in (shared/reports/vat-quarters). */
  vat_stagger: Generated<1 | 2 | 3>
}

export interface CommissionRatesTable {
  therapist_id: number
  /** 0: every service the therapist gives, unless a service has its own rate. */
  service_id: Generated<number>
  /** Basis points: 4000 = 40 %. */
  rate_bp: number
}

export interface ReportTables {
  report_settings: ReportSettingsTable
  commission_rates: CommissionRatesTable
}
