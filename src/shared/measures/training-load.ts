/**
 * Training load and the one injury-risk flag Plinth raises.
 *
 * Session load: session-RPE (CR-10 rating of the whole session, 0–10) × minutes, in arbitrary
 * units, summed over the week. Foster C, Florhaug JA, Franklin J, et al. A new approach to
 * monitoring exercise training. J Strength Cond Res 2001;15:109–115.
 *
 * The flag: a single run more than 10% longer than the longest run of the previous 30 days.
 * Frandsen JSB, Hulme A, Parner ET, Nielsen RO, et al. (Garmin-RUNSAFE Running Health Study,
 * 5,205 runners followed with their GPS watches). Br J Sports Med 2025: single-session
 * increases of more than 10% over the longest run of the last 30 days raised the rate of
 * running injury; changes in weekly distance or the acute:chronic workload ratio (ACWR) did
 * not explain it. Plinth raises no ACWR alert: the evidence for it is contradictory.
 */
export const LONG_RUN_INCREASE_LIMIT = 0.1
export const LONG_RUN_WINDOW_DAYS = 30

export interface TrainingSession {
  minutes: number
  /** Rating of perceived exertion for the whole session, CR-10 (0–10). */
  rpe: number
}

/** Σ RPE × minutes over the sessions (arbitrary units). */
export function sessionLoad(sessions: readonly TrainingSession[]): number {
  return Math.round(sessions.reduce((s, x) => s + x.rpe * x.minutes, 0))
}

export interface RunOnDay {
  /** ISO date (yyyy-mm-dd) of the run. */
  on: string
  km: number
}

export interface LongRunFlag {
  km: number
  on: string
  /** The longest run of the 30 days before, which this run beat by more than 10%. */
  baselineKm: number
  increasePercent: number
}

const DAY_MS = 86_400_000
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS

/**
 * Checks one run against the runs of the 30 days before it (not the same day). With no run
 * in that window there is no baseline, so no flag: the study compared with a known longest run.
 * `extraBaselineKm` is a longest-run figure the client told us (the record's field), used
 * when it is larger than any recorded run in the window.
 */
export function longRunFlag(
  run: RunOnDay,
  earlier: readonly RunOnDay[],
  extraBaselineKm: number | null = null,
): LongRunFlag | null {
  const day = dayNumber(run.on)
  let baseline = extraBaselineKm ?? 0
  for (const e of earlier) {
    const d = dayNumber(e.on)
    if (d < day && d >= day - LONG_RUN_WINDOW_DAYS) baseline = Math.max(baseline, e.km)
  }
  if (baseline <= 0) return null
  if (run.km <= baseline * (1 + LONG_RUN_INCREASE_LIMIT)) return null
  return {
    km: run.km,
    on: run.on,
    baselineKm: baseline,
    increasePercent: Math.round(((run.km - baseline) / baseline) * 1000) / 10,
  }
}
