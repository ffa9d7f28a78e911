import type { Kysely } from 'kysely'
import type { Invoice, InvoiceSummary } from '../../../shared/contract/money-values'
import type { DB } from '../../db/schema'
import { displayNameOf } from '../clients/client-record'
import { DomainError } from '../domain-error'
import { entriesOf, figuresOf } from './ledger'

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
  const { creditedPence: credited, paidPence: paid, duePence } = await figuresOf(db, id)
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
    duePence,
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

/** The list's view of an invoice (one read in full, or a list row): who it is billed to. */
export function summaryOf(
  inv: Pick<
    Invoice,
    'id' | 'clientId' | 'clientName' | 'status' | 'number' | 'issuedAt' | 'createdAt'
  > & { billTo: Pick<Invoice['billTo'], 'kind' | 'name'>; grossPence: number; duePence: number },
): InvoiceSummary {
  return {
    id: inv.id,
    clientId: inv.clientId,
    clientName: inv.clientName,
    status: inv.status,
    number: inv.number,
    issuedAt: inv.issuedAt,
    createdAt: inv.createdAt,
    billToName:
      inv.billTo.kind === 'third_party' || inv.status === 'issued'
        ? inv.billTo.name
        : inv.clientName,
    grossPence: inv.grossPence,
    duePence: inv.duePence,
  }
}

export type InvoiceFilter = 'all' | 'draft' | 'issued' | 'outstanding'

interface ListOptions {
  status: InvoiceFilter
  clientId?: number | undefined
  ids?: number[] | undefined
  limit: number
  offset: number
}

/**
 * Invoices, drafts first (newest first), then issued ones by date of issue, newest first,
 * each with what is still due (kept in invoice_balances, migration 0870). Read as two
 * index-ordered queries, drafts then issued, so a page costs its own rows, not a sort of
 * every invoice (there may be 200,000).
 */
export async function listInvoices(
  db: Kysely<DB>,
  opts: ListOptions,
): Promise<{ rows: InvoiceSummary[]; more: boolean }> {
  const want = opts.limit + 1
  const rows: Row[] = []
  let skip = opts.offset
  if (opts.status === 'all' || opts.status === 'draft') {
    // issued_at is NULL on every draft, so this is newest first, in the index's own order.
    const drafts = base(db, opts)
      .where('i.status', '=', 'draft')
      .orderBy('i.issued_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(want)
      .offset(skip)
    rows.push(...(await drafts.execute()))
    if (rows.length === 0 && skip > 0) {
      const counted = await base(db, opts)
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('i.status', '=', 'draft')
        .executeTakeFirstOrThrow()
      skip = Math.max(0, skip - Number(counted.n))
    } else skip = 0
  }
  if (opts.status !== 'draft' && rows.length < want) {
    let issued = base(db, opts).where('i.status', '=', 'issued')
    if (opts.status === 'outstanding') {
      issued = issued.where((eb) => eb('b.due_pence', '>', eb.lit(0)))
    }
    const more = await issued
      .orderBy('i.issued_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(want - rows.length)
      .offset(skip)
      .execute()
    rows.push(...more)
  }
  return {
    more: rows.length > opts.limit,
    rows: rows.slice(0, opts.limit).map((r) =>
      summaryOf({
        id: r.id,
        clientId: r.client_id,
        clientName: r.status === 'issued' ? r.client_name : displayNameOf(r),
        status: r.status,
        number: r.number,
        issuedAt: r.issued_at,
        createdAt: r.created_at,
        billTo: { kind: r.bill_to, name: r.bill_to_name },
        grossPence: r.gross_pence,
        duePence: r.status === 'issued' ? (r.due_pence ?? r.gross_pence) : r.gross_pence,
      }),
    ),
  }
}

function base(db: Kysely<DB>, opts: ListOptions) {
  let q = db
    .selectFrom('invoices as i')
    .innerJoin('clients as c', 'c.id', 'i.client_id')
    .leftJoin('invoice_balances as b', 'b.invoice_id', 'i.id')
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
      'b.due_pence',
    ])
  if (opts.clientId !== undefined) q = q.where('i.client_id', '=', opts.clientId)
  if (opts.ids) q = q.where('i.id', 'in', opts.ids.length ? opts.ids : [-1])
  return q
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number]
