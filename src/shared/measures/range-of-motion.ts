/**
 * Range-of-motion tests runners are commonly given, recorded as numbers with sides.
 * Ranges are generous plausibility bounds (a typing slip is refused; unusual bodies are not).
 * - Straight-leg raise (passive hip flexion with the knee straight), degrees.
 * - Knee-to-wall (weight-bearing lunge) ankle dorsiflexion: toe-to-wall distance, cm.
 * - Hip internal and external rotation, degrees.
 * - Thomas test (hip flexor length): pass/fail per side, with the thigh's angle to the
 *   horizontal in degrees (positive above horizontal, i.e. the tighter side).
 * - Sit-and-reach: one value, cm (negative short of the toes), no sides.
 */
export const ROM_TESTS = {
  slr: { label: 'Straight-leg raise', unit: '°', min: 0, max: 130, sided: true },
  kneeToWall: { label: 'Knee-to-wall', unit: 'cm', min: 0, max: 25, sided: true },
  hipIr: { label: 'Hip internal rotation', unit: '°', min: 0, max: 80, sided: true },
  hipEr: { label: 'Hip external rotation', unit: '°', min: 0, max: 90, sided: true },
  thomas: { label: 'Thomas test', unit: '°', min: -30, max: 60, sided: true },
  sitAndReach: { label: 'Sit-and-reach', unit: 'cm', min: -40, max: 60, sided: false },
} as const

export type RomTest = keyof typeof ROM_TESTS
export const ROM_TEST_IDS = Object.keys(ROM_TESTS) as RomTest[]

/**
 * Left–right asymmetry in percent: |L − R| ÷ the larger of |L| and |R| × 100, one decimal.
 * (The larger side as the reference keeps the figure the same whichever side is worse, and
 * bounded 0–100 for positive measures.) Null when a side is missing or both are 0.
 */
export function asymmetryPercent(left: number | null, right: number | null): number | null {
  if (left === null || right === null) return null
  const larger = Math.max(Math.abs(left), Math.abs(right))
  if (larger === 0) return null
  return Math.round((Math.abs(left - right) / larger) * 1000) / 10
}
