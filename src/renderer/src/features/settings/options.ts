import { SUPPORTED_LOCALES } from '../../../../shared/contract/settings'

export const TIME_ZONES: string[] = Intl.supportedValuesOf('timeZone')

const COMMON_CURRENCIES = ['GBP', 'EUR', 'USD', 'AUD', 'NZD', 'CAD', 'CHF', 'SEK', 'NOK', 'DKK']
const currencyNames = new Intl.DisplayNames(['en-GB'], { type: 'currency' })
export const CURRENCIES = COMMON_CURRENCIES.map((code) => ({
  code,
  label: `${code} · ${currencyNames.of(code) ?? code}`,
}))

const localeNames = new Intl.DisplayNames(['en-GB'], { type: 'language' })
export const LOCALES = SUPPORTED_LOCALES.map((code) => ({
  code,
  label: localeNames.of(code) ?? code,
}))
