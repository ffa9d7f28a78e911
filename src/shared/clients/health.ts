/**
 * The health questionnaire's checklist and what each answer means for massage, as listed in
 * issue 4: a contraindication means "do not treat (that area) without medical clearance",
 * a caution means "treat, but adapt pressure, position or oils". The clinic owner should
 * check the list against their insurer's and training body's guidance.
 */
export type AlertSeverity = 'contraindication' | 'caution' | 'info'

export const CONDITIONS = [
  { code: 'dvt', label: 'Suspected DVT or blood clots', severity: 'contraindication' },
  { code: 'infection', label: 'Acute infection or fever', severity: 'contraindication' },
  { code: 'recent-surgery', label: 'Recent surgery or fracture', severity: 'contraindication' },
  {
    code: 'high-bp',
    label: 'Uncontrolled high blood pressure',
    severity: 'contraindication',
  },
  { code: 'cancer-treatment', label: 'Active cancer treatment', severity: 'contraindication' },
  { code: 'pregnancy', label: 'Pregnancy', severity: 'caution' },
  { code: 'diabetes', label: 'Diabetes', severity: 'caution' },
  { code: 'epilepsy', label: 'Epilepsy', severity: 'caution' },
  { code: 'heart', label: 'Heart condition', severity: 'caution' },
  { code: 'anticoagulants', label: 'Takes anticoagulant medication', severity: 'caution' },
  { code: 'osteoporosis', label: 'Osteoporosis', severity: 'caution' },
  { code: 'skin', label: 'Skin condition', severity: 'caution' },
  { code: 'varicose-veins', label: 'Varicose veins', severity: 'caution' },
] as const satisfies readonly { code: string; label: string; severity: AlertSeverity }[]

export type ConditionCode = (typeof CONDITIONS)[number]['code']
export const CONDITION_CODES = CONDITIONS.map((c) => c.code) as [ConditionCode, ...ConditionCode[]]

export const ALLERGIES = [
  { code: 'massage-oils', label: 'Massage oils' },
  { code: 'nut-oils', label: 'Nut oils' },
  { code: 'latex', label: 'Latex' },
  { code: 'fragrance', label: 'Fragrance' },
] as const

export type AllergyCode = (typeof ALLERGIES)[number]['code']
export const ALLERGY_CODES = ALLERGIES.map((a) => a.code) as [AllergyCode, ...AllergyCode[]]

export function conditionOf(code: ConditionCode): (typeof CONDITIONS)[number] {
  return CONDITIONS.find((c) => c.code === code)!
}

export function allergyLabel(code: AllergyCode): string {
  return ALLERGIES.find((a) => a.code === code)!.label
}
