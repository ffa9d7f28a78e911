import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { MONEY_METHOD_KINDS } from './definitions'
import type { Period } from './range'
import { chunks, fullName } from './report-kit'

/** One line an amount is split over (see DEFINITIONS.split). */
interface SplitLine {
  lineId: number | null
  grossPence: number
  serviceId: number | null
  therapistId: number | null
  appointmentId: number | null
  label: string
}

/**
 * A share of one money event (a ledger entry or a credit note) on one invoice line, in takings'
 * sign: payments positive, reversals and refunds negative; a credit note's share is positive
 * (its gross, credited).
 */
export interface MoneyPart extends SplitLine {
  source: 'entry' | 'credit_note'
  eventId: number
  kind: 'payment' | 'reversal' | 'refund' | 'credit_note'
  at: string
  clientId: number
  clientName: string
  invoiceId: number | null
  invoiceNumber: string | null
  methodId: number | null
  methodName: string
  amountPence: number
}

/**
 * Splits `amount` over lines in proportion to their gross: each share truncated toward zero,
 * what is left over going to the first line. Lines that total nothing take it all on the first.
 */
export function splitPence(amount: number, grosses: number[]): number[] {
  if (grosses.length === 0) return []
  const total = grosses.reduce((s, g) => s + g, 0)
  if (total === 0) return grosses.map((_, i) => (i === 0 ? amount : 0))
  const shares = grosses.map((g) => Math.trunc((amount * g) / total))
  shares[0]! += amount - shares.reduce((s, x) => s + x, 0)
  return shares
}

const KIND_LABELS: Record<string, string> = {
  product: 'Products',
  package: 'Packages sold',
  voucher: 'Gift vouchers sold',
  text: 'Other invoice lines',
  service: 'Services',
}
const NO_INVOICE = 'Account credit bought'

/**
 * The label a share is reported under (the by-service table): its line's service name, else
 * the line kind's ('Products'...), or "Account credit bought" with no line (lineId null).
 */
export function labelOf(
  lineId: number | null,
  serviceName: string | null,
  lineKind: string | null,
): string {
  if (lineId === null) return NO_INVOICE
  return serviceName ?? KIND_LABELS[lineKind ?? 'text'] ?? 'Other invoice lines'
}

function lineOf(r: {
  line_id: number | null
  line_gross: number | null
  line_kind: string | null
  service_id: number | null
  service_name: string | null
  therapist_id: number | null
  appointment_id: number | null
}): SplitLine | null {
  if (r.line_id === null) return null
  return {
    lineId: r.line_id,
    grossPence: r.line_gross ?? 0,
    serviceId: r.service_id,
    therapistId: r.therapist_id,
    appointmentId: r.appointment_id,
    label: labelOf(r.line_id, r.service_name, r.line_kind),
  }
}

/** Groups joined rows by event (rows arrive ordered by event, then line position) and splits. */
function splitRows<R extends { event_id: number }>(
  rows: (R & Parameters<typeof lineOf>[0])[],
  event: (r: R) => Omit<MoneyPart, keyof SplitLine>,
): MoneyPart[] {
  const parts: MoneyPart[] = []
  for (let i = 0; i < rows.length;) {
    let j = i
    while (j < rows.length && rows[j]!.event_id === rows[i]!.event_id) j++
    const head = event(rows[i]!)
    const lines = rows
      .slice(i, j)
      .map(lineOf)
      .filter((l): l is SplitLine => l !== null)
    if (lines.length === 0) {
      parts.push({
        ...head,
        lineId: null,
        grossPence: 0,
        serviceId: null,
        therapistId: null,
        appointmentId: null,
        label: labelOf(null, null, null),
      })
    } else {
      const shares = splitPence(
        head.amountPence,
        lines.map((l) => l.grossPence),
      )
      lines.forEach((l, k) => parts.push({ ...head, ...l, amountPence: shares[k]! }))
    }
    i = j
  }
  return parts
}

/** The ids and names of the methods that are money (card, cash, transfer, other). */
export async function moneyMethods(db: Kysely<DB>): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('payment_methods')
    .select(['id', 'name'])
    .where('kind', 'in', [...MONEY_METHOD_KINDS])
    .execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

/**
 * Money in and out by card, cash, transfer or other in a period, split over invoice lines.
 * Client names and invoice numbers are left blank here (withNames fills them for the rows
 * behind a figure): joining every entry to its client was a random read per row, most of a
 * year's takings report at 200,000 invoices.
 */
export async function takingsParts(db: Kysely<DB>, period: Period): Promise<MoneyPart[]> {
  const methods = await moneyMethods(db)
  const rows = await db
    .selectFrom('ledger_entries as e')
    .leftJoin('invoice_lines as l', 'l.invoice_id', 'e.invoice_id')
    .leftJoin('services as s', 's.id', 'l.service_id')
    .leftJoin('appointments as a', 'a.id', 'l.appointment_id')
    .select([
      'e.id as event_id',
      'e.kind',
      'e.at',
      'e.client_id',
      'e.invoice_id',
      'e.method_id',
      'e.amount_pence',
      'l.id as line_id',
      'l.gross_pence as line_gross',
      'l.kind as line_kind',
      'l.service_id',
      's.name as service_name',
      'a.therapist_id',
      'l.appointment_id',
    ])
    .where('e.method_id', 'in', methods.size ? [...methods.keys()] : [-1])
    .where('e.kind', 'in', ['payment', 'reversal', 'refund'])
    .where('e.at', '>=', period.fromAt)
    .where('e.at', '<', period.toAt)
    .orderBy('e.id')
    .orderBy('l.position')
    .execute()
  return splitRows(rows, (r) => ({
    source: 'entry',
    eventId: r.event_id,
    kind: r.kind as MoneyPart['kind'],
    at: r.at,
    clientId: r.client_id,
    clientName: '',
    invoiceId: r.invoice_id,
    invoiceNumber: null,
    methodId: r.method_id,
    methodName: methods.get(r.method_id) ?? '',
    amountPence: r.amount_pence,
  }))
}

/** Fills in the client names and invoice numbers of parts (for the rows behind a figure). */
export async function withNames(db: Kysely<DB>, parts: MoneyPart[]): Promise<MoneyPart[]> {
  const names = new Map<number, string>()
  for (const ids of chunks([...new Set(parts.map((p) => p.clientId))])) {
    const rows = await db
      .selectFrom('clients')
      .select(['id', 'first_name', 'last_name'])
      .where('id', 'in', ids)
      .execute()
    for (const r of rows) names.set(r.id, fullName(r.first_name, r.last_name))
  }
  const numbers = new Map<number, string | null>()
  const invoiceIds = [...new Set(parts.map((p) => p.invoiceId).filter((id) => id !== null))]
  for (const ids of chunks(invoiceIds)) {
    const rows = await db
      .selectFrom('invoices')
      .select(['id', 'number'])
      .where('id', 'in', ids)
      .execute()
    for (const r of rows) numbers.set(r.id, r.number)
  }
  return parts.map((p) => ({
    ...p,
    clientName: p.clientName || (names.get(p.clientId) ?? ''),
    invoiceNumber:
      p.invoiceNumber ?? (p.invoiceId === null ? null : (numbers.get(p.invoiceId) ?? null)),
  }))
}

/**
 * The period's money totals without splitting anything (for the period before, when no
 * therapist or service filter asks for a split): plain sums over the time index.
 */
export async function takingsTotals(db: Kysely<DB>, period: Period) {
  const methods = await moneyMethods(db)
  const byKind = await db
    .selectFrom('ledger_entries')
    .select((eb) => ['kind', eb.fn.sum<number>('amount_pence').as('total')])
    .where('method_id', 'in', methods.size ? [...methods.keys()] : [-1])
    .where('kind', 'in', ['payment', 'reversal', 'refund'])
    .where('at', '>=', period.fromAt)
    .where('at', '<', period.toAt)
    .groupBy('kind')
    .execute()
  const invoiced = await db
    .selectFrom('invoices')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('gross_pence'), eb.lit(0)).as('total'))
    .where('status', '=', 'issued')
    .where('issued_at', '>=', period.fromAt)
    .where('issued_at', '<', period.toAt)
    .executeTakeFirstOrThrow()
  const credited = await db
    .selectFrom('credit_notes')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('gross_pence'), eb.lit(0)).as('total'))
    .where('issued_at', '>=', period.fromAt)
    .where('issued_at', '<', period.toAt)
    .executeTakeFirstOrThrow()
  const of = (kind: string) => Number(byKind.find((r) => r.kind === kind)?.total ?? 0)
  return {
    received: of('payment') + of('reversal'),
    refunds: -of('refund'),
    invoicedPence: Number(invoiced.total),
    creditedPence: Number(credited.total),
  }
}

/** Credit notes issued in a period, each split over its invoice's lines. */
export async function creditNoteParts(db: Kysely<DB>, period: Period): Promise<MoneyPart[]> {
  const rows = await db
    .selectFrom('credit_notes as cn')
    .innerJoin('invoices as i', 'i.id', 'cn.invoice_id')
    .leftJoin('invoice_lines as l', 'l.invoice_id', 'cn.invoice_id')
    .leftJoin('services as s', 's.id', 'l.service_id')
    .leftJoin('appointments as a', 'a.id', 'l.appointment_id')
    .select([
      'cn.id as event_id',
      'cn.number as cn_number',
      'cn.issued_at',
      'cn.client_id',
      'i.client_name',
      'cn.invoice_id',
      'i.number',
      'cn.gross_pence',
      'l.id as line_id',
      'l.gross_pence as line_gross',
      'l.kind as line_kind',
      'l.service_id',
      's.name as service_name',
      'a.therapist_id',
      'l.appointment_id',
    ])
    .where('cn.issued_at', '>=', period.fromAt)
    .where('cn.issued_at', '<', period.toAt)
    .orderBy('cn.id')
    .orderBy('l.position')
    .execute()
  return splitRows(rows, (r) => ({
    source: 'credit_note',
    eventId: r.event_id,
    kind: 'credit_note',
    at: r.issued_at,
    clientId: r.client_id,
    clientName: r.client_name,
    invoiceId: r.invoice_id,
    invoiceNumber: r.number,
    methodId: null,
    methodName: r.cn_number,
    amountPence: r.gross_pence,
  }))
}

/** The lines of invoices issued in a period (accrual basis): one part per line, its gross. */
export async function invoicedParts(db: Kysely<DB>, period: Period): Promise<MoneyPart[]> {
  const rows = await db
    .selectFrom('invoices as i')
    .innerJoin('invoice_lines as l', 'l.invoice_id', 'i.id')
    .leftJoin('services as s', 's.id', 'l.service_id')
    .leftJoin('appointments as a', 'a.id', 'l.appointment_id')
    .select([
      'i.id as invoice_id',
      'i.number',
      'i.issued_at',
      'i.client_id',
      'i.client_name',
      'l.id as line_id',
      'l.gross_pence as line_gross',
      'l.kind as line_kind',
      'l.service_id',
      's.name as service_name',
      'a.therapist_id',
      'l.appointment_id',
    ])
    .where('i.status', '=', 'issued')
    .where('i.issued_at', '>=', period.fromAt)
    .where('i.issued_at', '<', period.toAt)
    .orderBy('i.id')
    .orderBy('l.position')
    .execute()
  return rows.map((r) => ({
    ...lineOf(r)!,
    source: 'entry',
    eventId: r.invoice_id,
    kind: 'payment',
    at: r.issued_at!,
    clientId: r.client_id,
    clientName: r.client_name,
    invoiceId: r.invoice_id,
    invoiceNumber: r.number,
    methodId: null,
    methodName: '',
    amountPence: r.line_gross,
  }))
}

/** Keeps the parts within a therapist and service filter (null: any). */
export function filterParts(
  parts: MoneyPart[],
  therapistId: number | null,
  serviceId: number | null,
): MoneyPart[] {
  if (therapistId === null && serviceId === null) return parts
  return parts.filter(
    (p) =>
      (therapistId === null || p.therapistId === therapistId) &&
      (serviceId === null || p.serviceId === serviceId),
  )
}
