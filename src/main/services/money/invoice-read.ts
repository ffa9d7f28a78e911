import { sql, type Kysely } from 'kysely'
import type { Invoice, InvoiceSummary } from '../../../shared/contract/money-values'
import type { DB } from '../../db/schema'
import { displayNameOf } from '../clients/client-record'
import { DomainError } from '../domain-error'
import { creditedOn, entriesOf, paidOn } from './ledger'

/** An invoice with its lines, credit notes, payments and derived due amount. */
export async function getInvoice(db: Kysely<DB>, id: number): Promise<Invoice> {
  const r = await db
    .selectFrom('invoices as i')
    .innerJoin('clients as c', 'c.id', 'i.client_id')
    .selectAll('i')
    .select(['c.title', 'c.first_name', 'c.last_name', 'c.preferred_name'])
    .where('i.id', '=', id)
    .executeTakeFirst()
  if (!r) throw new DomainError('not_found', 'No such invoice.')
  const lines = await db
    .selectFrom('invoice_lines')
    .selectAll()
    .where('invoice_id', '=', id)
    .orderBy('position')
    .execute()
  const notes = await db
    .selectFrom('credit_notes')
    .selectAll()
    .where('invoice_id', '=', id)
    .orderBy('id')
    .execute()
  const credited = await creditedOn(db, id)
  const paid = await paidOn(db, id)
  return {
    id: r.id,
    clientId: r.client_id,
    clientName: r.status === 'issued' ? r.client_name : displayNameOf(r),
    status: r.status,
    number: r.number,
    issuedAt: r.issued_at,
    issuedByName: r.issued_by_name,
    taxPoint: r.tax_point,
    billTo: {
      kind: r.bill_to,
      name: r.bill_to_name,
      address: r.bill_to_address,
      reference: r.bill_to_reference,
    },
    vatRegistered: r.vat_registered === 1,
    vatNumber: r.vat_number,
    lines: lines.map((l) => ({
      id: l.id,
      kind: l.kind,
      serviceId: l.service_id,
      productId: l.product_id,
      appointmentId: l.appointment_id,
      description: l.description,
      quantity: l.quantity,
      unitPence: l.unit_pence,
      vatRate: l.vat_rate,
      vatBp: l.vat_bp,
      netPence: l.net_pence,
      vatPence: l.vat_pence,
      grossPence: l.gross_pence,
    })),
    netPence: r.net_pence,
    vatPence: r.vat_pence,
    grossPence: r.gross_pence,
    creditedPence: credited,
    paidPence: paid,
    duePence: r.status === 'issued' ? r.gross_pence - credited - paid : r.gross_pence,
    creditNotes: notes.map((n) => ({
      id: n.id,
      invoiceId: n.invoice_id,
      number: n.number,
      issuedAt: n.issued_at,
      issuedByName: n.issued_by_name,
      reason: n.reason,
      netPence: n.net_pence,
      vatPence: n.vat_pence,
      grossPence: n.gross_pence,
    })),
    payments: await entriesOf(db, { invoiceId: id }),
    createdAt: r.created_at,
  }
}

export type InvoiceFilter = 'all' | 'draft' | 'issued' | 'outstanding'

/**
 * Invoices newest first, each with its due amount derived from credit notes and the ledger
 * (two correlated sums on indexed columns).
 */
export async function listInvoices(
  db: Kysely<DB>,
  opts: { status: InvoiceFilter; clientId?: number; ids?: number[]; limit: number; offset: number },
): Promise<{ rows: InvoiceSummary[]; more: boolean }> {
  let q = db
    .selectFrom('invoices as i')
    .innerJoin('clients as c', 'c.id', 'i.client_id')
    .select([
      'i.id',
      'i.client_id',
      'i.client_name',
      'i.status',
      'i.number',
      'i.issued_at',
      'i.created_at',
      'i.bill_to',
      'i.bill_to_name',
      'i.gross_pence',
      'c.title',
      'c.first_name',
      'c.last_name',
      'c.preferred_name',
    ])
    .select(
      sql<number>`i.gross_pence
        - coalesce((SELECT sum(gross_pence) FROM credit_notes WHERE invoice_id = i.id), 0)
        - coalesce((SELECT sum(amount_pence) FROM ledger_entries WHERE invoice_id = i.id), 0)`.as(
        'due',
      ),
    )
  if (opts.clientId !== undefined) q = q.where('i.client_id', '=', opts.clientId)
  if (opts.ids) q = q.where('i.id', 'in', opts.ids.length ? opts.ids : [-1])
  if (opts.status === 'draft') q = q.where('i.status', '=', 'draft')
  if (opts.status === 'issued' || opts.status === 'outstanding') {
    q = q.where('i.status', '=', 'issued')
  }
  if (opts.status === 'outstanding') q = q.where(sql<number>`due`, '>', 0)
  const rows = await q
    .orderBy(sql`i.issued_at IS NULL`, 'desc')
    .orderBy('i.issued_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(opts.limit + 1)
    .offset(opts.offset)
    .execute()
  return {
    more: rows.length > opts.limit,
    rows: rows.slice(0, opts.limit).map((r) => ({
      id: r.id,
      clientId: r.client_id,
      clientName: r.status === 'issued' ? r.client_name : displayNameOf(r),
      status: r.status,
      number: r.number,
      issuedAt: r.issued_at,
      createdAt: r.created_at,
      billToName:
        r.bill_to === 'third_party' || r.status === 'issued' ? r.bill_to_name : displayNameOf(r),
      grossPence: r.gross_pence,
      duePence: r.status === 'issued' ? r.due : r.gross_pence,
    })),
  }
}
