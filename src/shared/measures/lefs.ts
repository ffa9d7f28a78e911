/**
 * LEFS: the Lower Extremity Functional Scale.
 * Binkley JM, Stratford PW, Lott SA, Riddle DL. The Lower Extremity Functional Scale (LEFS):
 * scale development, measurement properties, and clinical application. Phys Ther
 * 1999;79:371–383. Free to use (printed in full in the paper, no licence fee).
 *
 * Scoring: 20 activities, each "Today, do you or would you have any difficulty at all
 * with…", answered 0 (extreme difficulty or unable to perform) to 4 (no difficulty). The
 * score is the sum, 0–80; higher is better. Minimal clinically important difference and
 * minimal detectable change: 9 points (Binkley 1999). Every item must be answered: Plinth
 * does not prorate a partly answered form.
 */
export const LEFS_ITEMS = [
  'Any of your usual work, housework or school activities',
  'Your usual hobbies, recreational or sporting activities',
  'Getting into or out of the bath',
  'Walking between rooms',
  'Putting on your shoes or socks',
  'Squatting',
  'Lifting an object, like a bag of groceries, from the floor',
  'Performing light activities around your home',
  'Performing heavy activities around your home',
  'Getting into or out of a car',
  'Walking 2 blocks',
  'Walking a mile',
  'Going up or down 10 stairs (about 1 flight of stairs)',
  'Standing for 1 hour',
  'Sitting for 1 hour',
  'Running on even ground',
  'Running on uneven ground',
  'Making sharp turns while running fast',
  'Hopping',
  'Rolling over in bed',
] as const

export const LEFS_ANSWERS = [
  { value: 0, label: 'Extreme difficulty or unable to perform activity' },
  { value: 1, label: 'Quite a bit of difficulty' },
  { value: 2, label: 'Moderate difficulty' },
  { value: 3, label: 'A little bit of difficulty' },
  { value: 4, label: 'No difficulty' },
] as const

export const LEFS_MAX = 80
export const LEFS_MCID = 9

/** The LEFS total (0–80). Throws RangeError unless there are 20 answers, each 0–4. */
export function lefsScore(answers: readonly number[]): number {
  if (answers.length !== LEFS_ITEMS.length) {
    throw new RangeError(`The LEFS has ${LEFS_ITEMS.length} items; ${answers.length} given`)
  }
  for (const a of answers) {
    if (!Number.isInteger(a) || a < 0 || a > 4) throw new RangeError('Each LEFS answer is 0–4')
  }
  return answers.reduce((s, a) => s + a, 0)
}
