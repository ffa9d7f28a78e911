import { parsePhoneNumberFromString } from 'libphonenumber-js/min'

/**
 * Whether a typed phone number can be saved. Validation only: the search/duplicate form of a
 * number is the phone normaliser's business, not this module's.
 *
 * - 'empty': nothing typed (the schema decides whether that is allowed).
 * - 'known': a number in a range the bundled numbering metadata lists.
 * - 'unlisted': the right shape and length, in a range the metadata does not list. Accepted
 *   with `warning`: an offline app's metadata is as old as its last update, and Ofcom keeps
 *   allocating ranges (issue #11 item 12: 07911 555666 and 07700 900123 were refused).
 * - 'refused': cannot be a phone number (too short, too long, letters); `message` says why.
 */
export type PhoneCheck =
  | { verdict: 'empty' | 'known' }
  | { verdict: 'unlisted'; warning: string }
  | { verdict: 'refused'; message: string }

/**
 * UK national significant numbers (no trunk 0), by first digit, from Ofcom's National
 * Telephone Numbering Plan: 07 mobiles and personal numbers have 10 digits; 01/02
 * geographic numbers 10 (a few old 01 areas 9); 03 non-geographic 10; 08 freephone and
 * shared-cost 10 (0800 also 9).
 */
const UK_NUMBER = /^(?:7\d{9}|1\d{8,9}|2\d{9}|3\d{9}|8\d{8,9})$/

/** Separators people type between digits: spaces, dashes, dots, slashes, brackets. */
const PHONE_CHARS = /^\+?[\d\s\-./()]+$/

export const UNLISTED_WARNING =
  'Check this number with the client: its range is newer than the numbering list Plinth has. It can still be saved.'

/**
 * Checks a phone number as typed, read as a UK number unless it starts with a country code
 * (+33 …, 0033 …). Never throws.
 */
export function checkPhone(value: string): PhoneCheck {
  const typed = value.trim()
  if (typed === '') return { verdict: 'empty' }
  if (!PHONE_CHARS.test(typed)) {
    return {
      verdict: 'refused',
      message: 'Enter a valid phone number: digits, spaces and a leading + only',
    }
  }
  const parsed = parsePhoneNumberFromString(typed, 'GB')
  if (parsed?.isValid()) return { verdict: 'known' }
  const digits = typed.replace(/\D/g, '')
  const uk = !parsed || parsed.countryCallingCode === '44'
  if (uk) {
    const national = parsed?.nationalNumber ?? digits.replace(/^0/, '')
    if (UK_NUMBER.test(national)) return { verdict: 'unlisted', warning: UNLISTED_WARNING }
    return {
      verdict: 'refused',
      message: national.startsWith('7')
        ? 'Enter a valid phone number: a UK mobile has 11 digits, e.g. 07911 123456'
        : 'Enter a valid phone number: a UK number has 10 or 11 digits, e.g. 07911 123456 or 020 7946 0000',
    }
  }
  // Abroad: the metadata's lengths for that country are the best offline knowledge there is.
  if (parsed.isPossible()) return { verdict: 'unlisted', warning: UNLISTED_WARNING }
  return {
    verdict: 'refused',
    message: `Enter a valid phone number: too short or too long for +${parsed.countryCallingCode}`,
  }
}

/** The warning to show under a phone field, or undefined when there is nothing to say. */
export function phoneWarning(value: string | undefined): string | undefined {
  const check = checkPhone(value ?? '')
  return check.verdict === 'unlisted' ? check.warning : undefined
}

/**
 * A zod check for phone fields: refuses only what cannot be a number, with the reason;
 * numbers in unlisted ranges pass (the form shows `phoneWarning` beside them).
 */
export function refusePhone(
  value: string,
  ctx: { addIssue(issue: { code: 'custom'; message: string }): void },
): void {
  const check = checkPhone(value)
  if (check.verdict === 'refused') ctx.addIssue({ code: 'custom', message: check.message })
}

/**
 * A phone number as the clinic writes it, for storing after {@link checkPhone} accepted it:
 * UK numbers (+44, including Guernsey, Jersey and the Isle of Man) in the national format
 * ("+44 (0)7700 900123" → "07700 900123"), other countries' valid numbers in the
 * international one ("0033612345678" → "+33 6 12 34 56 78"), anything else as typed with its
 * spaces collapsed. Found in a user trial: a typed "+44 (0)…" ran into the day sheet's next
 * column, and the same client's number was written three ways.
 */
export function tidyPhone(value: string): string {
  const typed = value.trim().replace(/\s+/g, ' ')
  if (typed === '') return typed
  const n = parsePhoneNumberFromString(typed, 'GB')
  if (!n) return typed
  if (n.countryCallingCode === '44') return n.formatNational()
  return n.isValid() ? n.formatInternational() : typed
}
