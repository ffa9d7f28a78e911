import type { ImportKind } from '../../../../shared/contract/imports'
import { TAGS_HINT } from '../../../../shared/clients/tags'
import { downloadBytes } from '../../api/download'

/** Plinth's templates: the header rows its column matching recognises without help. */
export const IMPORT_TEMPLATES: Record<ImportKind, { fileName: string; header: string }> = {
  clients: {
    fileName: 'plinth-clients-template.csv',
    header:
      'ID,Title,First name,Last name,Preferred name,Date of birth,Sex or gender,Mobile,Other phone,Email,Address,Postcode,Occupation,Emergency contact,Emergency phone,GP name,Referral source,Notes,Tags,Marketing email,Marketing SMS,Archived on',
  },
  appointments: {
    fileName: 'plinth-appointments-template.csv',
    header:
      'Client ID,Client,Email,Mobile,Date of birth,Therapist,Service,Start,Duration,Status,Price,Notes',
  },
}

const RULES: Record<ImportKind, string[]> = {
  clients: [
    'A Cliniko patients export is recognised as it is; any other CSV works once its columns are matched below.',
    'Each row needs a first name, a last name and a phone number or an e-mail address.',
    'Dates as dd/mm/yyyy (or d/m/yy) or yyyy-mm-dd. A month-first date (03/25/1979) is refused rather than guessed; a birth date that reads either way is listed under “Check”.',
    `Tags: ${TAGS_HINT.toLowerCase()}. Yes/no columns accept yes, y, true or 1.`,
  ],
  appointments: [
    'Import the clients first. Each row finds its client by the old system’s ID, e-mail, phone, or name with date of birth.',
    'Therapist and service by name; they must already be set up.',
    'Start as dd/mm/yyyy HH:mm in the clinic’s own time (or separate date and time columns). Duration in minutes, or empty for the service’s length; price like £45.00, or empty for the service’s price.',
    'Status: booked, arrived, completed, cancelled, late cancellation or no show; empty means completed for a past appointment and booked for a future one.',
    'Past appointments come in as they happened. A future one that clashes with the diary is skipped; one outside hours is imported and listed under “Check”.',
  ],
}

function downloadTemplate(kind: ImportKind) {
  const { fileName, header } = IMPORT_TEMPLATES[kind]
  downloadBytes(`${header}\r\n`, fileName, 'text/csv;charset=utf-8')
}

/** What a file for this import should hold, said in the app (not in a README nobody opens). */
export function ImportGuide({ kind }: { kind: ImportKind }) {
  return (
    <details className="import-guide">
      <summary>What the file should look like</summary>
      <ul>
        {RULES[kind].map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      <p>
        Plinth’s template has these columns, in any order:{' '}
        <code>{IMPORT_TEMPLATES[kind].header}</code>
      </p>
      <button
        type="button"
        className="button small secondary"
        onClick={() => downloadTemplate(kind)}
      >
        Download the template
      </button>
    </details>
  )
}
