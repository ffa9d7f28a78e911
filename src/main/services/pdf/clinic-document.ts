import type { PDFDocument } from 'pdf-lib'
import type { ClinicSettings } from '../../../shared/contract/settings'
import { newPdf } from './unicode-font'
import { MUTED, Writer } from './writer'

/**
 * A new portrait A4 clinic document with the Unicode fonts embedded, `footer` on every page,
 * and the clinic's letterhead (name, address, phone) followed by `heading` and a rule. Write
 * on with `w.text(...)`, `w.labelled(...)`, then `await doc.save()` for the bytes.
 * Used by the notes PDF and the subject access PDF; invoices and letters start here too.
 */
export async function clinicDocument(
  clinic: ClinicSettings,
  title: string,
  heading: string,
  footer: string,
): Promise<{ doc: PDFDocument; w: Writer }> {
  const { doc, fonts } = await newPdf(title)
  const w = new Writer(doc, fonts, footer)
  w.text(clinic.clinicName, { size: 16, bold: true })
  const contact = [clinic.address.replace(/\n/g, ', '), clinic.phone].filter((s) => s).join(' · ')
  if (contact) w.text(contact, { size: 9, colour: MUTED })
  w.gap(4)
  w.text(heading, { size: 13, bold: true })
  w.gap(4)
  w.rule()
  return { doc, w }
}
