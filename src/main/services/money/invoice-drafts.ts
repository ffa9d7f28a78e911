import type { Insertable, Kysely } from 'kysely'
import type { VatRateName } from '../../../shared/contract/money-values'
import type { DB } from '../../db/schema'
import type { InvoiceLinesTable } from '../../db/schema-money'
import { requireLiveClient } from '../clients/client-record'
import { DomainError } from '../domain-error'
import { getMoneySettings, type MoneyActor } from './money-settings'
import { packagePaying } from './package-read'
import { lineAmounts } from './vat'

export interface DraftLine {
  /**
   * 'voucher' and 'package' only from selling a gift voucher or a package, never typed on an
   * invoice. A package line names its main service, whose VAT rate it carries (package-sales).
   */
  kind: 'service' | 'product' | 'text' | 'voucher' | 'package'
  serviceId: number | null
  productId: number | null
  appointmentId: number | null
  description: string
  quantity: number
  unitPence: number
  vatRate: VatRateName
}

export interface BillTo {
  kind: 'client' | 'third_party'
  name: string
  address: string
  reference: string
}

export interface DraftInput {
  id?: number | undefined
  clientId: number
  billTo: BillTo
  lines: DraftLine[]
}

/**
 * Creates or replaces a draft invoice. Drafts have no number and can change freely; each
 * line's VAT is worked out with today's settings and again when it is issued. A line for an
 * appointment must be the client's, and the appointment must not be on another invoice
 * that still stands (not fully credited).
 */
export async function saveDraft(
  db: Kysely<DB>,
  input: DraftInput,
  actor: MoneyActor,
  now: Date,
): Promise<number> {
  await requireLiveClient(db, input.clientId)
  const at = now.toISOString()
  const bill =
    input.billTo.kind === 'client'
      ? {
          bill_to: 'client' as const,
          bill_to_name: '',
          bill_to_address: '',
          bill_to_reference: input.billTo.reference,
        }
      : {
          bill_to: 'third_party' as const,
          bill_to_name: input.billTo.name,
          bill_to_address: input.billTo.address,
          bill_to_reference: input.billTo.reference,
        }
  let id: number
  if (input.id !== undefined) {
    const row = await db
      .selectFrom('invoices')
      .select(['status'])
      .where('id', '=', input.id)
      .executeTakeFirst()
    if (!row) throw new DomainError('not_found', 'No such invoice.')
    if (row.status !== 'draft') {
      throw new DomainError(
        'conflict',
        'This invoice has been issued; correct it with a credit note.',
      )
    }
    id = input.id
    await db.deleteFrom('invoice_lines').where('invoice_id', '=', id).execute()
    await db
      .updateTable('invoices')
      .set({ client_id: input.clientId, ...bill, updated_at: at })
      .where('id', '=', id)
      .execute()
  } else {
    const row = await db
      .insertInto('invoices')
      .values({
        client_id: input.clientId,
        status: 'draft',
        number_seq: null,
        number: null,
        issued_at: null,
        issued_by: null,
        issued_by_name: null,
        tax_point: null,
        ...bill,
        created_at: at,
        created_by: actor.userId,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    id = row.id
  }
  let position = 0
  for (const line of input.lines) {
    position += 1
    await checkLine(db, line, input.clientId, id, position)
    await db
      .insertInto('invoice_lines')
      .values({ invoice_id: id, position, ...(await lineRow(db, line)) })
      .execute()
  }
  await recomputeDraft(db, id)
  return id
}

async function checkLine(
  db: Kysely<DB>,
  line: DraftLine,
  clientId: number,
  invoiceId: number,
  position: number,
): Promise<void> {
  const field = (name: string) => [{ path: `lines.${position - 1}.${name}`, message: '' }]
  if (line.kind === 'service' || line.kind === 'package') {
    const s = await db
      .selectFrom('services')
      .select('id')
      .where('id', '=', line.serviceId!)
      .executeTakeFirst()
    if (!s)
      throw new DomainError(
        'not_found',
        'No such service.',
        withMessage(field('serviceId'), 'No such service'),
      )
  }
  if (line.kind === 'product') {
    const p = await db
      .selectFrom('products')
      .select('id')
      .where('id', '=', line.productId!)
      .executeTakeFirst()
    if (!p)
      throw new DomainError(
        'not_found',
        'No such product.',
        withMessage(field('productId'), 'No such product'),
      )
  }
  if (line.appointmentId !== null) {
    const a = await db
      .selectFrom('appointments')
      .select(['client_id'])
      .where('id', '=', line.appointmentId)
      .executeTakeFirst()
    if (!a || a.client_id !== clientId) {
      throw new DomainError('rule_broken', "That appointment is not this client's.")
    }
    const other = await invoiceStandingFor(db, line.appointmentId)
    if (other !== null && other.id !== invoiceId) {
      throw new DomainError(
        'conflict',
        `This appointment is already on ${other.number ?? 'a draft invoice'}.`,
      )
    }
    const fromPackage = await packagePaying(db, line.appointmentId)
    if (fromPackage !== null) {
      throw new DomainError(
        'conflict',
        `This appointment was paid from the package "${fromPackage.name}"; undo that use first.`,
      )
    }
  }
}

function withMessage(errors: { path: string; message: string }[], message: string) {
  return errors.map((e) => ({ ...e, message }))
}

/** The invoice an appointment is on, unless it has been credited in full. */
export async function invoiceStandingFor(
  db: Kysely<DB>,
  appointmentId: number,
): Promise<{ id: number; number: string | null; status: 'draft' | 'issued' } | null> {
  const row = await db
    .selectFrom('invoice_lines as l')
    .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .select(['i.id', 'i.number', 'i.status'])
    .where('l.appointment_id', '=', appointmentId)
    .leftJoin('invoice_balances as b', 'b.invoice_id', 'i.id')
    .where((eb) =>
      eb.or([eb('i.status', '=', 'draft'), eb('b.credited_pence', '<', eb.ref('i.gross_pence'))]),
    )
    .orderBy('i.id', 'desc')
    .executeTakeFirst()
  return row ?? null
}

async function lineRow(
  db: Kysely<DB>,
  line: DraftLine,
): Promise<Omit<Insertable<InvoiceLinesTable>, 'invoice_id' | 'position'>> {
  const rate = await rateOf(db, line)
  return {
    kind: line.kind,
    service_id: line.kind === 'service' || line.kind === 'package' ? line.serviceId : null,
    product_id: line.kind === 'product' ? line.productId : null,
    appointment_id: line.appointmentId,
    description: line.description,
    quantity: line.quantity,
    unit_pence: line.unitPence,
    // Provisional: recomputeDraft sets the amounts with the clinic's VAT settings.
    vat_rate: rate,
    vat_bp: 0,
    net_pence: line.quantity * line.unitPence,
    vat_pence: 0,
    gross_pence: line.quantity * line.unitPence,
  }
}

/** A service's or product's own rate; free text carries the rate chosen on the line. */
async function rateOf(db: Kysely<DB>, line: DraftLine): Promise<VatRateName> {
  if ((line.kind === 'service' || line.kind === 'package') && line.serviceId !== null) {
    const s = await db
      .selectFrom('services')
      .select('vat_rate')
      .where('id', '=', line.serviceId)
      .executeTakeFirst()
    return s?.vat_rate ?? 'standard'
  }
  if (line.kind === 'product' && line.productId !== null) {
    const p = await db
      .selectFrom('products')
      .select('vat_rate')
      .where('id', '=', line.productId)
      .executeTakeFirst()
    return p?.vat_rate ?? 'standard'
  }
  return line.vatRate
}

/**
 * Works each line's VAT out again with the current settings and sets the totals. Run on
 * every save and once more at issue, inside the same transaction as the issue.
 */
export async function recomputeDraft(db: Kysely<DB>, invoiceId: number): Promise<void> {
  const settings = await getMoneySettings(db)
  const vat = {
    registered: settings.vatRegistered,
    standardRateBp: settings.standardRateBp,
    reducedRateBp: settings.reducedRateBp,
  }
  const lines = await db
    .selectFrom('invoice_lines as l')
    .leftJoin('services as s', 's.id', 'l.service_id')
    .leftJoin('products as p', 'p.id', 'l.product_id')
    .select([
      'l.id',
      'l.kind',
      'l.quantity',
      'l.unit_pence',
      'l.vat_rate',
      's.vat_rate as service_rate',
      'p.vat_rate as product_rate',
    ])
    .where('l.invoice_id', '=', invoiceId)
    .execute()
  const totals = { net: 0, vat: 0, gross: 0 }
  for (const l of lines) {
    const named: VatRateName =
      l.service_rate ?? l.product_rate ?? (l.vat_rate === 'none' ? 'standard' : l.vat_rate)
    // A multi-purpose voucher is outside the scope of VAT when sold: VAT is due on what it
    // buys, when it is redeemed (HMRC VAT Notice 700/7).
    const a = lineAmounts(
      l.quantity,
      l.unit_pence,
      named,
      l.kind === 'voucher' ? { ...vat, registered: false } : vat,
    )
    await db
      .updateTable('invoice_lines')
      .set({
        vat_rate: a.vatRate,
        vat_bp: a.vatBp,
        net_pence: a.netPence,
        vat_pence: a.vatPence,
        gross_pence: a.grossPence,
      })
      .where('id', '=', l.id)
      .execute()
    totals.net += a.netPence
    totals.vat += a.vatPence
    totals.gross += a.grossPence
  }
  await db
    .updateTable('invoices')
    .set({
      vat_registered: settings.vatRegistered ? 1 : 0,
      vat_number: settings.vatRegistered ? settings.vatNumber : '',
      net_pence: totals.net,
      vat_pence: totals.vat,
      gross_pence: totals.gross,
    })
    .where('id', '=', invoiceId)
    .execute()
}

/** Removes a draft; an issued invoice is never deleted (the database refuses too). */
export async function discardDraft(db: Kysely<DB>, id: number): Promise<{ clientId: number }> {
  const row = await db
    .selectFrom('invoices')
    .select(['status', 'client_id'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'No such invoice.')
  if (row.status !== 'draft') {
    throw new DomainError('conflict', 'An issued invoice cannot be discarded; issue a credit note.')
  }
  await db.deleteFrom('invoice_lines').where('invoice_id', '=', id).execute()
  await db.deleteFrom('invoices').where('id', '=', id).execute()
  return { clientId: row.client_id }
}
