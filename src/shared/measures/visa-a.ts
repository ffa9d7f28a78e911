/**
 * VISA-A: the Victorian Institute of Sport Assessment – Achilles questionnaire.
 * Robinson JM, Cook JL, Purdam C, Visentini PJ, Ross J, Maffulli N, Taunton JE, Khan KM.
 * The VISA-A questionnaire: a valid and reliable index of the clinical severity of Achilles
 * tendinopathy. Br J Sports Med 2001;35:335–341. Free to use (printed in full in the paper).
 *
 * Scoring (from the published form), total 0–100, higher is better:
 * - Questions 1–6 are each 0–10 (Q1: minutes of stiffness on getting up, 100 min = 0 …
 *   0 min = 10; Q6: pain-free single-leg hops, 0 = 0 … 10 = 10; Q2–Q5: "strong severe pain"
 *   = 0 … "no pain" = 10).
 * - Question 7 (sport or activity now) takes only 0, 4, 7 or 10.
 * - Question 8 is answered in ONE of three parts, by how pain affects Achilles-loading sport;
 *   each part scores the training time in bands, with different points:
 *   A (no pain):                     nil 0, 1–10 min 7, 11–20 min 14, 21–30 min 21, >30 min 30
 *   B (pain, but completes training): nil 0, 1–10 min 4, 11–20 min 10, 21–30 min 14, >30 min 20
 *   C (pain stops training):          nil 0, 1–10 min 2, 11–20 min 5,  21–30 min 7,  >30 min 10
 * So 6 × 10 + 10 + 30 = 100.
 */
export const VISA_A_SCALE_QUESTIONS = [
  'For how many minutes do you have stiffness in the Achilles region on first getting up? (0 = 100 minutes or more, 10 = none)',
  'Once you are warmed up for the day, do you have pain when stretching the Achilles tendon fully over the edge of a step, keeping the knee straight? (0 = strong severe pain, 10 = no pain)',
  'After walking on flat ground for 30 minutes, do you have pain within the next 2 hours? (0 = strong severe pain or unable to walk 30 minutes, 10 = no pain)',
  'Do you have pain walking downstairs with a normal gait? (0 = strong severe pain, 10 = no pain)',
  'Do you have pain during or immediately after doing 10 single-leg heel raises from a flat surface? (0 = strong severe pain, 10 = no pain)',
  'How many single-leg hops can you do without pain? (0 to 10)',
] as const

export const VISA_A_Q7 = [
  { value: 0, label: 'Not at all' },
  { value: 4, label: 'Modified training ± modified competition' },
  {
    value: 7,
    label: 'Full training ± competition, but not at the same level as when symptoms began',
  },
  { value: 10, label: 'Competing at the same or a higher level as when symptoms began' },
] as const

export const VISA_A_Q8_PARTS = {
  A: 'No pain while doing Achilles-loading sport: how long can you train or practise?',
  B: 'Some pain, but it does not stop you completing training: how long can you train or practise?',
  C: 'Pain that stops you completing training: how long can you train or practise?',
} as const

export const VISA_A_Q8_BANDS = ['nil', '1-10', '11-20', '21-30', 'over-30'] as const
export type VisaAQ8Band = (typeof VISA_A_Q8_BANDS)[number]
export type VisaAQ8Part = keyof typeof VISA_A_Q8_PARTS

export const VISA_A_Q8_BAND_LABELS: Record<VisaAQ8Band, string> = {
  nil: 'Nil',
  '1-10': '1–10 minutes',
  '11-20': '11–20 minutes',
  '21-30': '21–30 minutes',
  'over-30': 'More than 30 minutes',
}

/** Points for question 8, by part and band (Robinson 2001's form). */
export const VISA_A_Q8_POINTS: Record<VisaAQ8Part, Record<VisaAQ8Band, number>> = {
  A: { nil: 0, '1-10': 7, '11-20': 14, '21-30': 21, 'over-30': 30 },
  B: { nil: 0, '1-10': 4, '11-20': 10, '21-30': 14, 'over-30': 20 },
  C: { nil: 0, '1-10': 2, '11-20': 5, '21-30': 7, 'over-30': 10 },
}

export interface VisaAAnswers {
  /** Questions 1–6, each a whole number 0–10. */
  scales: readonly number[]
  /** Question 7: 0, 4, 7 or 10. */
  q7: number
  q8: { part: VisaAQ8Part; band: VisaAQ8Band }
}

/** The VISA-A total (0–100). Throws RangeError for an answer the form does not allow. */
export function visaAScore(answers: VisaAAnswers): number {
  if (answers.scales.length !== VISA_A_SCALE_QUESTIONS.length) {
    throw new RangeError('VISA-A questions 1–6 each need an answer')
  }
  for (const s of answers.scales) {
    if (!Number.isInteger(s) || s < 0 || s > 10) throw new RangeError('Questions 1–6 are 0–10')
  }
  if (!VISA_A_Q7.some((o) => o.value === answers.q7)) {
    throw new RangeError('Question 7 is 0, 4, 7 or 10')
  }
  const q8 = VISA_A_Q8_POINTS[answers.q8.part]?.[answers.q8.band]
  if (q8 === undefined) throw new RangeError('Question 8 needs a part (A, B or C) and a time')
  return answers.scales.reduce((s, a) => s + a, 0) + answers.q7 + q8
}
