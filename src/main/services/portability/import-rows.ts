import { clientInput, type ClientValues } from '../../../shared/contract/clients'
import {
  IMPORT_TARGETS,
  type ImportMapping,
  type ImportTargetKey,
} from '../../../shared/contract/imports'
import { unescapeExcel } from './csv-parse'
import { parseImportDate } from './import-dates'
import { splitTags } from '../../../shared/clients/tags'
import { phoneWarning } from '../../../shared/phone-check'

export interface ImportRowResult {
  name: string
  /** Null when the row cannot be imported; errors say why. */
  client: ClientValues | null
  importRef: string | null
  archivedAt: string | null
  errors: string[]
  warnings: string[]
}

const YES = new Set(['true', 'yes', 'y', '1', 'x', 'opted in', 'accepted'])

/** "yes"/"true"/"1", or a date (Plinth's own export records when consent was given). */
function yes(value: string): boolean {
  return YES.has(value.toLowerCase()) || /^\d{4}-\d{2}-\d{2}/.test(value)
}

/**
 * One CSV row, mapped and checked by the same schema the client form uses. `now` is the
 * import's clock: a birth date after it is refused, and a two-digit birth year's century is
 * chosen so the date is not after it (warned when either century is possible).
 */
export function mapRow(
  headers: string[],
  cells: string[],
  mapping: ImportMapping,
  columnOf: Map<string, number>,
  now: Date,
): ImportRowResult {
  const cell = (key: ImportTargetKey): string => {
    const header = mapping[key]
    if (!header) return ''
    const index = columnOf.get(header)
    return index === undefined ? '' : unescapeExcel(cells[index] ?? '')
  }
  const errors: string[] = []
  const warnings: string[] = []
  if (cells.length !== headers.length) {
    warnings.push(`has ${cells.length} cells where the header has ${headers.length}`)
  }

  const date = (key: ImportTargetKey, label: string): string => {
    const raw = cell(key)
    if (raw === '') return ''
    const parsed = parseImportDate(raw, now)
    if (!parsed.ok) {
      errors.push(`${label}: ${parsed.reason}`)
      return ''
    }
    if (key === 'dateOfBirth') {
      if (parsed.iso > now.toISOString().slice(0, 10)) {
        errors.push(`${label}: ${raw} is in the future`)
        return ''
      }
      if (parsed.ambiguous) {
        warnings.push(`${label} ${raw} read as day/month (${parsed.iso}); check it if unsure`)
      }
      if (parsed.century) warnings.push(`${label} ${parsed.century} (${parsed.iso}); check it`)
    }
    return parsed.iso
  }

  const dateOfBirth = date('dateOfBirth', 'Date of birth')
  const archived = date('archivedAt', 'Archived on')
  const tags = splitTags(cell('tags'))

  const candidate = {
    title: cell('title'),
    firstName: cell('firstName'),
    lastName: cell('lastName'),
    preferredName: cell('preferredName'),
    dateOfBirth,
    gender: cell('gender'),
    mobile: cell('mobile'),
    otherPhone: cell('otherPhone'),
    email: cell('email'),
    address: cell('address'),
    postcode: cell('postcode'),
    occupation: cell('occupation'),
    emergencyName: cell('emergencyName'),
    emergencyPhone: cell('emergencyPhone'),
    gpName: cell('gpName'),
    referralSource: cell('referralSource'),
    notes: cell('notes'),
    tags,
    marketingEmail: yes(cell('marketingEmail')),
    marketingSms: yes(cell('marketingSms')),
  }
  for (const key of ['mobile', 'otherPhone', 'emergencyPhone'] as const) {
    // Imported as typed: a range newer than the numbering metadata is still a number.
    const label = IMPORT_TARGETS.find((t) => t.key === key)?.label ?? key
    if (phoneWarning(candidate[key])) {
      warnings.push(`${label} ${candidate[key]} is in a range Plinth does not list; check it`)
    }
  }
  const name = `${candidate.firstName} ${candidate.lastName}`.trim() || '(no name)'
  const parsed = clientInput.safeParse(candidate)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '')
      const target = IMPORT_TARGETS.find((t) => t.key === key)
      // A missing phone and e-mail is reported on 'mobile' but is about the row as a whole.
      const message =
        target && !issue.message.includes('phone number or an e-mail')
          ? `${target.label}: ${issue.message}`
          : issue.message
      if (!errors.includes(message)) errors.push(message)
    }
  }
  return {
    name,
    client: parsed.success && errors.length === 0 ? parsed.data : null,
    importRef: cell('importRef') || null,
    archivedAt: archived ? `${archived}T00:00:00.000Z` : null,
    errors,
    warnings,
  }
}
