import type { Generated } from 'kysely'

// Typed tables of migration 0800-money.

export type VatRate = 'standard' | 'reduced' | 'zero' | 'exempt'
export type LineVatRate = VatRate | 'none'
export type PaymentMethodKind =
  'card' | 'cash' | 'bank_transfer' | 'gift_voucher' | 'account_credit' | 'package' | 'other'

export type FeeKind = 'none' | 'fixed' | 'percent'

export interface MoneySettingsTable {
  id: number
  invoice_prefix: Generated<string>
  credit_note_prefix: Generated<string>
  number_digits: Generated<number>
  first_invoice_number: Generated<number>
  vat_registered: Generated<number>
  vat_number: Generated<string>
  /** Basis points: 2000 = 20 %. */
  standard_rate_bp: Generated<number>
  reduced_rate_bp: Generated<number>
  /** Migration 0820: how long a gift voucher is valid. */
  voucher_months: Generated<number>
  /** Migration 0830: fees; value is pence ('fixed') or whole percent ('percent'). */
  no_show_fee_kind: Generated<FeeKind>
  no_show_fee_value: Generated<number>
  late_cancel_fee_kind: Generated<FeeKind>
  late_cancel_fee_value: Generated<number>
  updated_at: string
}

export interface ProductsTable {
  id: Generated<number>
  name: string
  price_pence: number
  vat_rate: Generated<VatRate>
  active: Generated<number>
  created_at: string
  updated_at: string
}

export interface PaymentMethodsTable {
  id: Generated<number>
  name: string
  kind: PaymentMethodKind
  active: Generated<number>
  sort_order: Generated<number>
}

export interface InvoicesTable {
  id: Generated<number>
  client_id: number
  status: 'draft' | 'issued'
  number_seq: number | null
  number: string | null
  issued_at: string | null
  issued_by: number | null
  issued_by_name: string | null
  tax_point: string | null
  client_name: Generated<string>
  bill_to: Generated<'client' | 'third_party'>
  bill_to_name: Generated<string>
  bill_to_address: Generated<string>
  bill_to_reference: Generated<string>
  vat_registered: Generated<number>
  vat_number: Generated<string>
  net_pence: Generated<number>
  vat_pence: Generated<number>
  gross_pence: Generated<number>
  created_at: string
  created_by: number | null
  updated_at: string
}

export interface InvoiceLinesTable {
  id: Generated<number>
  invoice_id: number
  position: number
  kind: 'service' | 'product' | 'text' | 'package' | 'voucher'
  service_id: number | null
  product_id: number | null
  appointment_id: number | null
  description: string
  quantity: number
  unit_pence: number
  vat_rate: LineVatRate
  vat_bp: number
  net_pence: number
  vat_pence: number
  gross_pence: number
}

export interface CreditNotesTable {
  id: Generated<number>
  invoice_id: number
  client_id: number
  number_seq: number
  number: string
  issued_at: string
  issued_by: number | null
  issued_by_name: string | null
  reason: string
  net_pence: number
  vat_pence: number
  gross_pence: number
}

export interface LedgerEntriesTable {
  id: Generated<number>
  client_id: number
  at: string
  by_user_id: number | null
  by_name: string | null
  kind: 'payment' | 'refund' | 'transfer' | 'reversal'
  method_id: number
  invoice_id: number | null
  amount_pence: number
  reference: Generated<string>
  reason: Generated<string>
  reverses_id: number | null
  batch: string
  /** Migration 0820: the gift voucher a redemption draws on. */
  voucher_id: Generated<number | null>
  /** Migration 0880: the payment a refund gives back. */
  refund_of_id: Generated<number | null>
}

/**
 * Migration 0870: an issued invoice's figures, kept by triggers beside the ledger (which
 * stays the source of truth). Services read it; nothing but the triggers writes it.
 */
export interface InvoiceBalancesTable {
  invoice_id: number
  client_id: number
  issued_at: string
  gross_pence: number
  credited_pence: number
  paid_pence: number
  /** gross - credited - paid; negative when more was paid than is now due. */
  due_pence: number
}

/** Migration 0870: what a client owes and holds in credit, kept by triggers. */
export interface ClientBalancesTable {
  client_id: number
  owes_pence: number
  credit_pence: number
}

export interface CashUpsTable {
  id: Generated<number>
  business_date: string
  at: string
  by_user_id: number | null
  by_name: string | null
  float_pence: number
  note: Generated<string>
}

export interface CashUpLinesTable {
  cash_up_id: number
  method_id: number
  expected_pence: number
  counted_pence: number
}

export interface GiftVouchersTable {
  id: Generated<number>
  code: string
  client_id: number
  recipient_name: Generated<string>
  value_pence: number
  invoice_id: number
  expires_on: string
  created_at: string
}

export interface MoneyTables {
  gift_vouchers: GiftVouchersTable
  cash_ups: CashUpsTable
  cash_up_lines: CashUpLinesTable
  money_settings: MoneySettingsTable
  products: ProductsTable
  payment_methods: PaymentMethodsTable
  invoices: InvoicesTable
  invoice_lines: InvoiceLinesTable
  credit_notes: CreditNotesTable
  ledger_entries: LedgerEntriesTable
  invoice_balances: InvoiceBalancesTable
  client_balances: ClientBalancesTable
}
