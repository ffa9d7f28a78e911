import { z } from 'zod'

/** Field names whose words read badly when split from camelCase. */
const LABELS: Record<string, string> = {
  email: 'E-mail',
  pricePence: 'Price',
  gpName: 'GP’s name',
  dateOfBirth: 'Date of birth',
  importRef: 'ID in the old system',
  idleLockMinutes: 'Minutes before the screen locks',
}

/** "clinicName" -> "Clinic name": the last named step of an issue's path. */
export function fieldLabel(path: readonly PropertyKey[]): string | null {
  const step = [...path].reverse().find((s) => typeof s === 'string' && !/^\d+$/.test(s))
  if (typeof step !== 'string' || step === '') return null
  if (LABELS[step]) return LABELS[step]
  const words = step.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const count = (n: number | bigint, one: string, many: string) =>
  `${n.toLocaleString('en-GB')} ${Number(n) === 1 ? one : many}`

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a set of details',
  date: 'a date',
}

/** The rule broken, in words for the clinic, without the field's name. */
function ruleOf(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'too_big': {
      const max = issue.maximum as number | bigint
      if (issue.origin === 'string') return `at most ${count(max, 'character', 'characters')}`
      if (issue.origin === 'array' || issue.origin === 'set')
        return `at most ${count(max, 'item', 'items')}`
      return `at most ${max.toLocaleString('en-GB')}`
    }
    case 'too_small': {
      const min = issue.minimum as number | bigint
      if (issue.origin === 'string')
        return Number(min) === 1 ? 'required' : `at least ${count(min, 'character', 'characters')}`
      if (issue.origin === 'array' || issue.origin === 'set')
        return `at least ${count(min, 'item', 'items')}`
      return `at least ${min.toLocaleString('en-GB')}`
    }
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'required'
      return `enter ${EXPECTED[issue.expected] ?? 'a valid value'}`
    case 'invalid_format':
      if (issue.format === 'email') return 'enter an e-mail address like name@example.com'
      if (issue.format === 'date' || issue.format === 'datetime') return 'enter a real date'
      return 'not in the expected format'
    case 'invalid_value':
      return 'choose one of the options'
    case 'not_multiple_of':
      return `use multiples of ${String(issue.divisor)}`
    case 'unrecognized_keys':
      return `not expected here: ${issue.keys.join(', ')}`
    default:
      // A refine without words, a union none of whose options fit, a bad map key: zod's
      // "Invalid input" says no more than this.
      return 'not valid'
  }
}

/**
 * Human words for zod's own messages ("Too big: expected string to have <=120 characters"
 * becomes "Clinic name: at most 120 characters"), used wherever a schema gives no message of
 * its own. Main's refusals and the forms' checks both come through here: the contract
 * installs it (see define.ts), and the renderer's forms share the same zod.
 */
export function humanIssueMessage(issue: z.core.$ZodRawIssue): string {
  const rule = ruleOf(issue)
  const label = fieldLabel(issue.path ?? [])
  if (!label) return rule.charAt(0).toUpperCase() + rule.slice(1)
  return `${label}: ${rule}`
}

let installed = false

/** Installs humanIssueMessage as zod's error map for this process; safe to call repeatedly. */
export function installHumanMessages(): void {
  if (installed) return
  installed = true
  z.config({ customError: (issue) => humanIssueMessage(issue) })
}
