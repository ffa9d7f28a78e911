import type { VatRateName } from '../../../shared/contract/money-values'
import type { LineVatRate } from '../../db/schema-money'

export interface LineAmounts {
  vatRate: LineVatRate
  /** Basis points: 2000 = 20 %. */
  vatBp: number
  netPence: number
  vatPence: number
  grossPence: number
}

/**
 * A line's amounts. Clinic prices are what the client pays, so unit prices include VAT:
 * gross = quantity x unit price, VAT = gross x rate / (1 + rate) rounded to the nearest
 * penny (half a penny rounds up), net = gross - VAT. Rounding is per line, which HMRC's
 * VAT Notice 700 (section 17.5) allows as long as it is done consistently; the invoice's
 * totals per rate are then the sums of its lines. A clinic that is not VAT registered
 * charges no VAT: every line is 'none', net = gross.
 */
export function lineAmounts(
  quantity: number,
  unitPence: number,
  rate: VatRateName,
  vat: { registered: boolean; standardRateBp: number; reducedRateBp: number },
): LineAmounts {
  const gross = quantity * unitPence
  if (!vat.registered) {
    return { vatRate: 'none', vatBp: 0, netPence: gross, vatPence: 0, grossPence: gross }
  }
  const bp = rate === 'standard' ? vat.standardRateBp : rate === 'reduced' ? vat.reducedRateBp : 0
  const vatPence = vatOfGross(gross, bp)
  return { vatRate: rate, vatBp: bp, netPence: gross - vatPence, vatPence, grossPence: gross }
}

/** The VAT inside a VAT-inclusive amount, half-up to the penny, in integer arithmetic. */
export function vatOfGross(grossPence: number, bp: number): number {
  if (bp === 0 || grossPence === 0) return 0
  const d = 10_000 + bp
  const sign = grossPence < 0 ? -1 : 1
  return sign * Math.floor((2 * Math.abs(grossPence) * bp + d) / (2 * d))
}

export interface RateTotal {
  vatRate: LineVatRate
  vatBp: number
  netPence: number
  vatPence: number
  grossPence: number
}

/** Net, VAT and gross per rate, as a registered clinic's invoice must show them. */
export function totalsByRate(lines: LineAmounts[]): RateTotal[] {
  const byRate = new Map<string, RateTotal>()
  for (const l of lines) {
    const key = `${l.vatRate}:${l.vatBp}`
    const t = byRate.get(key) ?? {
      vatRate: l.vatRate,
      vatBp: l.vatBp,
      netPence: 0,
      vatPence: 0,
      grossPence: 0,
    }
    t.netPence += l.netPence
    t.vatPence += l.vatPence
    t.grossPence += l.grossPence
    byRate.set(key, t)
  }
  return [...byRate.values()]
}
