/**
 * Letter templates (GP or other clinician) are plain text with placeholders in double
 * braces, filled from the client's record, a signed treatment note and the clinic:
 * "Dear {{gp.name}}, I saw {{client.name}} (born {{client.dateOfBirth}}) on {{note.date}}…".
 */
export const LETTER_PLACEHOLDERS = {
  'client.name': 'The client’s full name',
  'client.dateOfBirth': 'Date of birth (d MMMM yyyy)',
  'client.address': 'The client’s address and postcode',
  'gp.name': 'GP’s name from the record',
  'gp.practice': 'GP practice',
  'gp.address': 'GP practice address',
  'note.date': 'Date of the signed treatment note',
  'note.findings': 'Findings from the note (Objective and Assessment)',
  'note.plan': 'Plan from the note',
  'note.painBefore': 'Pain before treatment (0–10)',
  'note.painAfter': 'Pain after treatment (0–10)',
  'therapist.name': 'The therapist who wrote the note',
  'therapist.body': 'Their professional body and membership number',
  'therapist.qualification': 'Their qualification',
  'clinic.name': 'The clinic’s name',
  'clinic.phone': 'The clinic’s phone number',
  today: 'Today’s date',
} as const

export type LetterPlaceholder = keyof typeof LETTER_PLACEHOLDERS

const PATTERN = /\{\{\s*([a-zA-Z.]+)\s*\}\}/g

/**
 * The template with every known placeholder replaced by its value ('' when the record has
 * none), and the placeholders it did not know (typos the owner can fix), in order, once each.
 * A line made only of placeholders that all came out empty is dropped; `empty` names the
 * placeholders the record had nothing for, so the screen can say what to fill in.
 */
export function fillLetter(
  template: string,
  values: Record<LetterPlaceholder, string>,
): { text: string; unknown: string[]; empty: LetterPlaceholder[] } {
  const unknown: string[] = []
  const empty: LetterPlaceholder[] = []
  const lines: string[] = []
  for (const line of template.split('\n')) {
    let used = false
    const filled = line.replace(PATTERN, (whole, name: string) => {
      used = true
      if (Object.hasOwn(values, name)) {
        const value = values[name as LetterPlaceholder]
        if (value.trim() === '' && !empty.includes(name as LetterPlaceholder)) {
          empty.push(name as LetterPlaceholder)
        }
        return value
      }
      if (!unknown.includes(name)) unknown.push(name)
      return whole
    })
    // A line that was only placeholders the record has nothing for (no GP address, no
    // qualification) is left out rather than printed as a gap in the address block.
    if (used && filled.trim() === '') continue
    lines.push(filled)
  }
  return { text: lines.join('\n'), unknown, empty }
}

/** The placeholders a template uses that Plinth does not know. */
export function unknownPlaceholders(template: string): string[] {
  const names = [...template.matchAll(PATTERN)].map((m) => m[1]!)
  return [...new Set(names.filter((n) => !Object.hasOwn(LETTER_PLACEHOLDERS, n)))]
}
