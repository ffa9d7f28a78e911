/**
 * PSFS: the Patient-Specific Functional Scale.
 * Stratford P, Gill C, Westaway M, Binkley J. Assessing disability and change on individual
 * patients: a report of a patient specific measure. Physiotherapy Canada 1995;47:258–263.
 * Free to use (published in full in the paper; no licence fee).
 *
 * Scoring: the client names up to 5 activities they find hard and rates each 0 ("unable to
 * perform the activity") to 10 ("able to perform it at the same level as before the injury
 * or problem"). Each activity is re-scored at later visits and followed on its own; the
 * overall score is the mean of the activities scored. Change that matters (Stratford 1995,
 * as commonly quoted): 2 points for the mean, 3 points for a single activity.
 */
export const PSFS_MAX_ACTIVITIES = 5
export const PSFS_MEAN_CHANGE = 2
export const PSFS_ACTIVITY_CHANGE = 3

export interface PsfsActivity {
  activity: string
  score: number
}

/** The mean of the activity scores (0–10), rounded to one decimal; null with none scored. */
export function psfsMean(activities: readonly PsfsActivity[]): number | null {
  if (activities.length === 0) return null
  const sum = activities.reduce((s, a) => s + a.score, 0)
  return Math.round((sum / activities.length) * 10) / 10
}

/** Activities are the client's own words: the same activity is matched without case/spacing. */
export function psfsKey(activity: string): string {
  return activity.trim().toLowerCase().replace(/\s+/g, ' ')
}
