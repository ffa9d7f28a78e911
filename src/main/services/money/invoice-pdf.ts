import type { Kysely } from 'kysely'
import type { Invoice } from '../../../shared/contract/money-values'
import { formatPence, VAT_RATE_LABELS } from '../../../shared/contract/money-values'
import type { DB } from '../../db/schema'
import { toTime, utcToZoned } from '../diary/clinic-clock'
import { clinicDocument } from '../pdf/clinic-document'
import { A4, MARGIN, MUTED } from '../pdf/writer'
import { getClinicSettings } from '../settings'
import { getInvoice } from './invoice-read'
import { totalsByRate } from './vat'

const LONG = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})
/** "2026-03-02" -> "2 March 2026": a receipt names the year. */
const formatDate = (date: string) => LONG.format(new Date(`${date}T00:00:00Z`))

interface Treatment {
  at: string
  therapist: string
  credentials: string
}

/** Each appointment on the invoice: when, and who treated with their credentials. */
async function treatmentsOf(db: Kysely<DB>, invoice: Invoice): Promise<Map<number, Treatment>> {
  const ids = invoice.lines.map((l) => l.appointmentId).filter((id): id is number => id !== null)
  const out = new Map<number, Treatment>()
  if (ids.length === 0) return out
  const rows = await db
    .selectFrom('appointments as a')
    .innerJoin('therapists as t', 't.id', 'a.therapist_id')
    .select([
      'a.id',
      'a.starts_at',
      't.name',
      't.professional_body',
      't.membership_number',
      't.qualification',
    ])
    .where('a.id', 'in', ids)
    .execute()
  for (const r of rows) {
    const membership = [
      r.professional_body,
      r.membership_number && `membership no. ${r.membership_number}`,
    ]
      .filter(Boolean)
      .join(', ')
    out.set(r.id, {
      at: r.starts_at,
      therapist: r.name,
      credentials: [r.qualification, membership].filter(Boolean).join('; '),
    })
  }
  return out
}

/**
 * One A4 page: the clinic's name, address and contact; who it is billed to and the client
 * treated; each treatment's date and practitioner with their professional body, membership
 * number and qualification; the lines; per-rate VAT and the VAT number when registered;
 * credit notes, what was paid and how, and the balance due. Headed "Receipt" once paid in
 * full. What UK health cash plans (Simplyhealth, Westfield) ask for on a receipt.
 */
export async function invoicePdf(
  db: Kysely<DB>,
  id: number,
): Promise<{ bytes: Uint8Array; invoice: Invoice }> {
  const invoice = await getInvoice(db, id)
  const clinic = await getClinicSettings(db)
  const tz = clinic.timeZone
  const day = (iso: string) => formatDate(utcToZoned(Date.parse(iso), tz).date)
  const when = (iso: string) => {
    const z = utcToZoned(Date.parse(iso), tz)
    return `${formatDate(z.date)}, ${toTime(z.minutes)}`
  }
  const paidInFull = invoice.status === 'issued' && invoice.duePence <= 0 && invoice.paidPence > 0
  const title = `${paidInFull ? 'Receipt' : 'Invoice'} ${invoice.number ?? `draft #${invoice.id}`}`
  const { doc, w } = await clinicDocument(clinic, title, title, `${clinic.clinicName} · ${title}`)

  if (invoice.vatRegistered) w.labelled('VAT number', invoice.vatNumber)
  w.labelled(
    'Date of issue (tax point)',
    invoice.issuedAt ? day(invoice.issuedAt) : 'Not issued yet',
  )
  const bill = invoice.billTo
  w.labelled(
    'Billed to',
    [bill.name || invoice.clientName, bill.address].filter(Boolean).join('\n'),
  )
  if (bill.reference) w.labelled('Reference', bill.reference)
  w.labelled('Client treated', invoice.clientName)
  const treatments = await treatmentsOf(db, invoice)
  for (const t of treatments.values()) {
    w.labelled('Date of treatment', when(t.at))
    w.labelled('Practitioner', [t.therapist, t.credentials].filter(Boolean).join(' — '))
  }
  w.gap(4)
  w.rule()

  // Lines as a table: description on the left, figures right-aligned in fixed columns.
  const right = A4.width - MARGIN
  const cols = invoice.vatRegistered
    ? { qty: right - 270, vat: right - 95, amount: right }
    : { qty: right - 150, vat: 0, amount: right }
  const figure = (text: string, x: number, bold = false) => {
    const font = bold ? w.bold : w.font
    w.draw(text, { x: x - font.widthOfTextAtSize(w.safe(text, font), 10), y: w.y - 10, bold })
  }
  const row = (label: string, cells: [string, number][], bold = false) => {
    w.ensure(16)
    w.draw(label, { x: MARGIN, y: w.y - 10, bold })
    for (const [text, x] of cells) figure(text, x, bold)
    w.y -= 15
  }
  row(
    'Description',
    [
      ['Qty', cols.qty],
      ...(invoice.vatRegistered ? ([['VAT', cols.vat]] as [string, number][]) : []),
      ['Amount', cols.amount],
    ],
    true,
  )
  for (const l of invoice.lines) {
    row(l.quantity > 1 ? `${l.description} (${formatPence(l.unitPence)} each)` : l.description, [
      [String(l.quantity), cols.qty],
      ...(invoice.vatRegistered
        ? ([[`${VAT_RATE_LABELS[l.vatRate]} ${formatPence(l.vatPence)}`, cols.vat]] as [
            string,
            number,
          ][])
        : []),
      [formatPence(l.grossPence), cols.amount],
    ])
  }
  w.rule()
  if (invoice.vatRegistered) {
    for (const t of totalsByRate(invoice.lines)) {
      const rate = `${VAT_RATE_LABELS[t.vatRate]}${t.vatBp ? ` ${t.vatBp / 100}%` : ''}`
      row(`${rate}: net ${formatPence(t.netPence)}, VAT ${formatPence(t.vatPence)}`, [
        [formatPence(t.grossPence), cols.amount],
      ])
    }
  }
  row('Total', [[formatPence(invoice.grossPence), cols.amount]], true)
  for (const n of invoice.creditNotes) {
    row(`Credit note ${n.number} (${day(n.issuedAt)})`, [
      [`-${formatPence(n.grossPence)}`, cols.amount],
    ])
  }
  const paid = invoice.payments.filter((p) => p.amountPence !== 0)
  for (const p of paid) {
    const what = p.amountPence > 0 ? 'Paid' : 'Refunded'
    row(`${what} ${day(p.at)} by ${p.methodName}`, [
      [formatPence(Math.abs(p.amountPence)), cols.amount],
    ])
  }
  row(
    invoice.duePence < 0 ? 'Owed to the client' : 'Balance due',
    [[formatPence(Math.abs(invoice.duePence)), cols.amount]],
    true,
  )
  if (!invoice.vatRegistered) {
    w.gap(8)
    w.text('No VAT is charged: the clinic is not VAT registered.', { size: 9, colour: MUTED })
  }
  return { bytes: await doc.save(), invoice }
}
