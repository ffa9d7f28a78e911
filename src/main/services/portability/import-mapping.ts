import {
  importTargetsOf,
  type ImportKind,
  type ImportMapping,
  type ImportTargetKey,
} from '../../../shared/contract/imports'

export type ImportPreset = 'cliniko' | 'plinth' | 'custom'

const squash = (header: string) =>
  header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

/** Cliniko's patients export always starts with these; Plinth's template with its own. */
export function detectPreset(headers: string[]): ImportPreset {
  const names = new Set(headers.map(squash))
  if (names.has('patient id') && names.has('first name')) return 'cliniko'
  if (names.has('first name') && names.has('last name') && names.has('date of birth')) {
    return 'plinth'
  }
  return 'custom'
}

/** Each field's first header whose name matches one of its aliases. */
export function guessMapping(headers: string[], kind: ImportKind = 'clients'): ImportMapping {
  const byName = new Map<string, string>()
  for (const h of headers) if (!byName.has(squash(h))) byName.set(squash(h), h)
  const mapping: ImportMapping = {}
  const used = new Set<string>()
  for (const target of importTargetsOf(kind)) {
    for (const alias of target.aliases) {
      const header = byName.get(alias)
      if (header !== undefined && !used.has(header)) {
        mapping[target.key as ImportTargetKey] = header
        used.add(header)
        break
      }
    }
  }
  return mapping
}
