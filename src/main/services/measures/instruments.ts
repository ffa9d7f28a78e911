import type { MeasureAnswers, MeasureKind } from '../../../shared/contract/measures'
import { lefsScore } from '../../../shared/measures/lefs'
import { psfsMean } from '../../../shared/measures/psfs'
import { sessionLoad } from '../../../shared/measures/training-load'
import { visaAScore } from '../../../shared/measures/visa-a'

/**
 * The version of each instrument's wording and scoring Plinth asks it with. Bump one when its
 * items or scoring change (a new translation, a corrected item): old answers keep the version
 * they were given on, so a chart never mixes two scorings without saying so.
 * Sources and scoring rules are in src/shared/measures/*.
 */
export const INSTRUMENT_VERSIONS: Record<MeasureKind, number> = {
  psfs: 1,
  lefs: 1,
  visa_a: 1,
  rom: 1,
  load: 1,
}

/**
 * The score stored beside the answers: PSFS mean (0–10), LEFS total (0–80), VISA-A (0–100),
 * the week's session-RPE load (arbitrary units); none for range of motion (each test is its
 * own number). The answers were validated by the contract, so scoring cannot throw here.
 */
export function scoreOf(measure: MeasureAnswers): number | null {
  switch (measure.kind) {
    case 'psfs':
      return psfsMean(measure.activities)
    case 'lefs':
      return lefsScore(measure.answers)
    case 'visa_a':
      return visaAScore(measure)
    case 'load':
      return sessionLoad(measure.sessions)
    case 'rom':
      return null
  }
}
