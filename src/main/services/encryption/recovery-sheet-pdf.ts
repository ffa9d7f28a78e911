import type { ClinicSettings } from '../../../shared/contract/settings'
import { clinicDocument } from '../pdf/clinic-document'
import { MUTED, WARNING } from '../pdf/writer'

export interface RecoverySheet {
  clinic: ClinicSettings
  /** `ABCD-EFGH-…` as recovery-key.ts formats it. */
  recoveryKey: string
  printedAt: Date
  printedBy: string
}

/**
 * The printed recovery key (issue 12): one A4 page the owner keeps locked away, apart from
 * the computer. It says what the key opens, when it is asked for and how to keep it; the key
 * is drawn large, in its groups of four, so it can be typed back from paper.
 */
export async function recoverySheetPdf(sheet: RecoverySheet): Promise<Uint8Array> {
  const { doc, w } = await clinicDocument(
    sheet.clinic,
    'Plinth recovery key',
    'Recovery key for the clinic’s records',
    'Keep this sheet locked away, apart from the computer. Do not photograph it or e-mail it.',
  )
  w.text(
    'Plinth keeps the clinic’s records encrypted. This computer’s keystore normally unlocks ' +
      'them; this key unlocks them when it cannot: after Windows or macOS is reinstalled, on ' +
      'a new computer, or to restore a backup made by this clinic somewhere else.',
  )
  w.gap(10)
  const groups = sheet.recoveryKey.split('-')
  // Two lines of four groups: large enough to copy by hand without losing one's place.
  for (const line of [groups.slice(0, 4), groups.slice(4)]) {
    w.text(line.join('  '), { size: 22, bold: true, indent: 20 })
    w.gap(4)
  }
  w.gap(8)
  w.text('Type it when Plinth asks for the recovery key; dashes, spaces and case do not matter.', {
    size: 9,
    colour: MUTED,
  })
  w.gap(10)
  w.labelled('When Plinth asks for it', '“Enter recovery key” at start, or restoring a backup.')
  w.labelled(
    'Keep it',
    'In a locked drawer or safe, away from the computer and from the backup USB stick.',
  )
  w.text(
    'Anyone who has this sheet and a copy of the clinic file or a backup can read every record.',
    { size: 10, colour: WARNING },
  )
  w.gap(10)
  const when = new Intl.DateTimeFormat('en-GB', {
    timeZone: sheet.clinic.timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(sheet.printedAt)
  w.text(`Printed ${when} by ${sheet.printedBy}.`, { size: 9, colour: MUTED })
  return doc.save()
}
