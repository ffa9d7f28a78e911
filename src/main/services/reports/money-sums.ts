import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { labelOf, moneyMethods, splitPence } from './money-split'
import type { Period } from './range'

/**
 * One share of a ledger entry on one invoice line (DEFINITIONS.split), as the report figures
 * need it: no names, no ids of the records behind (the rows behind a figure use
 * money-split.ts's MoneyPart instead). The visitor is handed the same object each time, filled
 * in afresh: read it, do not keep it.
 */
export interface SharePart {
  kind: 'payment' | 'reversal' | 'refund'
  at: string
  methodId: number
  methodName: string
  therapistId: number | null
  serviceId: number | null
  /** The line's label: its service's name, its kind's ('Products'...), or no invoice. */
  label: string
  amountPence: number
}

/**
 * Visits every share of money in and out by card, cash, transfer or other in a period: each
 * ledger entry split over its invoice's lines by splitPence (the one rule, also used for the
 * rows behind), entries without lines whole under "Account credit bought".
 *
 * Why not MoneyPart[]: a year at 200,000 invoices is ~36,000 entries, and building a named
 * object per part (spreads, sorted by entry and position in SQL) was most of the takings and
 * commission reports' time. Here the lines come unsorted and unnamed (services and methods are
 * small tables, named from maps), an entry with one line (nearly all) is its amount, and only
 * entries with several lines are grouped and split. SQL alone was tried and was slower on
 * SQLite: the split's window functions sort the year's lines twice (~200 ms), and correlated
 * sums per entry are evaluated once per use (~125 ms); see docs/reports-speed.md.
 */
export async function eachTakingsShare(
  db: Kysely<DB>,
  period: Period,
  visit: (part: SharePart) => void,
): Promise<void> {
  const [methods, services] = await Promise.all([moneyMethods(db), serviceNames(db)])
  const rows = await db
    .selectFrom('ledger_entries as e')
    .leftJoin('invoice_lines as l', 'l.invoice_id', 'e.invoice_id')
    .leftJoin('appointments as a', 'a.id', 'l.appointment_id')
    .select([
      'e.id',
      'e.kind',
      'e.at',
      'e.method_id',
      'e.amount_pence',
      'l.id as line_id',
      'l.position',
      'l.gross_pence',
      'l.kind as line_kind',
      'l.service_id',
      'a.therapist_id',
    ])
    .where('e.method_id', 'in', methods.size ? [...methods.keys()] : [-1])
    .where('e.kind', 'in', ['payment', 'reversal', 'refund'])
    .where('e.at', '>=', period.fromAt)
    .where('e.at', '<', period.toAt)
    .execute()
  type Row = (typeof rows)[number]
  // Entries seen more than once have several lines: kept aside and split at the end.
  const lineCount = new Map<number, number>()
  for (const r of rows) lineCount.set(r.id, (lineCount.get(r.id) ?? 0) + 1)
  const part = {} as SharePart
  const fill = (r: Row, amount: number) => {
    part.kind = r.kind as SharePart['kind']
    part.at = r.at
    part.methodId = r.method_id
    part.methodName = methods.get(r.method_id) ?? ''
    part.therapistId = r.therapist_id
    part.serviceId = r.service_id
    part.label = labelOf(
      r.line_id,
      r.service_id === null ? null : (services.get(r.service_id) ?? null),
      r.line_kind,
    )
    part.amountPence = amount
    visit(part)
  }
  const several = new Map<number, Row[]>()
  for (const r of rows) {
    if (lineCount.get(r.id) === 1) {
      // One line (or none): the whole amount (splitPence of one line gives it all).
      fill(r, r.amount_pence)
      continue
    }
    const list = several.get(r.id)
    if (list) list.push(r)
    else several.set(r.id, [r])
  }
  for (const list of several.values()) {
    list.sort((x, y) => (x.position ?? 0) - (y.position ?? 0))
    const shares = splitPence(
      list[0]!.amount_pence,
      list.map((l) => l.gross_pence ?? 0),
    )
    list.forEach((l, k) => fill(l, shares[k]!))
  }
}

/** One group of issued invoice lines: all lines alike in therapist, service, kind and gross. */
export interface InvoicedGroup {
  therapistId: number | null
  serviceId: number | null
  label: string
  grossPence: number
  lines: number
}

/**
 * The lines of invoices issued in a period (accrual basis, no split: a line is its gross),
 * counted in SQL by therapist, service, kind and gross: a few hundred groups for a year, not
 * 40,000 lines. Equal grosses are kept apart so commission can still be rounded line by line.
 */
export async function invoicedGroups(db: Kysely<DB>, period: Period): Promise<InvoicedGroup[]> {
  const [services, rows] = await Promise.all([
    serviceNames(db),
    db
      .selectFrom('invoices as i')
      .innerJoin('invoice_lines as l', 'l.invoice_id', 'i.id')
      .leftJoin('appointments as a', 'a.id', 'l.appointment_id')
      .select((eb) => [
        'a.therapist_id',
        'l.service_id',
        'l.kind',
        'l.gross_pence',
        eb.fn.countAll<number>().as('lines'),
      ])
      .where('i.status', '=', 'issued')
      .where('i.issued_at', '>=', period.fromAt)
      .where('i.issued_at', '<', period.toAt)
      .groupBy(['a.therapist_id', 'l.service_id', 'l.kind', 'l.gross_pence'])
      .execute(),
  ])
  return rows.map((r) => ({
    therapistId: r.therapist_id,
    serviceId: r.service_id,
    label: labelOf(0, r.service_id === null ? null : (services.get(r.service_id) ?? null), r.kind),
    grossPence: r.gross_pence,
    lines: Number(r.lines),
  }))
}

async function serviceNames(db: Kysely<DB>): Promise<Map<number, string>> {
  const rows = await db.selectFrom('services').select(['id', 'name']).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** Whether a part is within a therapist and service filter (null: any). */
export function inFilter(
  p: { therapistId: number | null; serviceId: number | null },
  therapistId: number | null,
  serviceId: number | null,
): boolean {
  return (
    (therapistId === null || p.therapistId === therapistId) &&
    (serviceId === null || p.serviceId === serviceId)
  )
}
