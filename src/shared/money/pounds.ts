const formatters = new Map<string, Intl.NumberFormat>()

/**
 * Every amount Plinth shows or writes: 5500 -> "£55.00", 123456 -> "£1,234.56", -500 ->
 * "-£5.00" (en-GB, the clinic's currency, GBP by default). The one money formatter for the
 * screens, PDFs, audit summaries and error messages.
 */
export function formatPence(amount: number, currency = 'GBP'): string {
  let f = formatters.get(currency)
  if (!f) {
    f = new Intl.NumberFormat('en-GB', { style: 'currency', currency })
    formatters.set(currency, f)
  }
  return f.format(amount / 100)
}

/** Said next to an amount box holding something that is not an amount of money. */
export const ENTER_AN_AMOUNT = 'Enter an amount in pounds, e.g. £35.00'

/**
 * What reception types into an amount box, in pence: "55", "55.5", "55.50", "£1,055.00".
 * Returns null for anything else (letters, three decimals, negative amounts, a comma that is
 * not a thousands separator such as "40,00"), so the form
 * can say so next to the field rather than guess.
 */
export function parsePounds(text: string): number | null {
  const bare = text.trim().replace(/^£\s*/, '')
  // A comma only as a thousands separator ("1,055.00"): "40,00" is a decimal comma (or a
  // slip) and was read as £4,000.00, so it is refused rather than guessed.
  if (bare.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(bare)) return null
  const cleaned = bare.replace(/,/g, '')
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

/** 3500 -> "35.00": the value put back into an amount box. */
export function poundsText(pence: number): string {
  return (pence / 100).toFixed(2)
}
