import { format } from 'date-fns/format'
import { parseISO } from 'date-fns/parseISO'
import type { Kysely } from 'kysely'
import { formatPence } from '../../../shared/contract/money-values'
import type { GiftVoucher } from '../../../shared/contract/vouchers'
import type { DB } from '../../db/schema'
import { utcToZoned } from '../diary/clinic-clock'
import { DomainError } from '../domain-error'
import { clinicDocument } from '../pdf/clinic-document'
import { A4, MARGIN, MUTED, RULE } from '../pdf/writer'
import { getClinicSettings } from '../settings'
import { listVouchers } from './vouchers'

const long = (date: string) => format(parseISO(date), 'd MMMM yyyy')

/**
 * A gift voucher as one A4 page to print or e-mail: the clinic's letterhead (name, address,
 * phone), then in a bordered panel the value, the code to quote, what is left on it, the
 * last day it can be used, who it is for and from (when recorded), and the invoice it was
 * sold on; then how it may be used. The balance is the voucher's as it stands now, so a
 * voucher reprinted after part of it was used says what is left.
 */
export async function voucherPdf(
  db: Kysely<DB>,
  id: number,
  now: Date,
): Promise<{ bytes: Uint8Array; voucher: GiftVoucher }> {
  const voucher = (await listVouchers(db, now)).rows.find((v) => v.id === id)
  if (!voucher) throw new DomainError('not_found', 'No such gift voucher.')
  const clinic = await getClinicSettings(db)
  const title = `Gift voucher ${voucher.code}`
  const { doc, w } = await clinicDocument(
    clinic,
    title,
    'Gift voucher',
    `${clinic.clinicName} · ${title}`,
  )

  const top = w.y
  w.gap(18)
  w.text(formatPence(voucher.valuePence), { size: 34, bold: true, indent: 20 })
  w.gap(6)
  w.text('Voucher code', { size: 9, bold: true, colour: MUTED, indent: 20 })
  w.text(voucher.code, { size: 20, bold: true, indent: 20 })
  w.gap(10)
  const facts: [string, string][] = [
    ['Balance', formatPence(voucher.balancePence)],
    ['Valid until', `${long(voucher.expiresOn)}${voucher.expired ? ' (expired)' : ''}`],
    ['For', voucher.recipientName],
    ['From', voucher.buyerName],
  ]
  for (const [label, value] of facts) {
    if (value.trim() === '') continue
    w.draw(label, { x: MARGIN + 20, y: w.y - 11, size: 11, colour: MUTED })
    w.draw(value, { x: MARGIN + 120, y: w.y - 11, size: 11, bold: true })
    w.y -= 18
  }
  const sold = utcToZoned(Date.parse(voucher.soldAt), clinic.timeZone).date
  w.draw(`Sold ${long(sold)} · ${voucher.invoiceNumber}`, {
    x: MARGIN + 20,
    y: w.y - 10,
    size: 9,
    colour: MUTED,
  })
  w.y -= 26
  w.page.drawRectangle({
    x: MARGIN,
    y: w.y,
    width: A4.width - 2 * MARGIN,
    height: top - w.y,
    borderColor: RULE,
    borderWidth: 1.5,
  })
  w.gap(16)
  w.text(
    `Quote the code when you book or pay at ${clinic.clinicName}. The voucher can be used in ` +
      'part: what is left stays on it until the date above. It cannot be exchanged for cash.',
    { size: 10 },
  )
  return { bytes: await doc.save(), voucher }
}
