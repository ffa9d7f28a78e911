import type { Faker } from '@faker-js/faker'
import { isValidPhoneNumber } from 'libphonenumber-js/min'
import type { ClientInput } from '../../shared/contract/clients'
import { FEMALE_NAMES, MALE_NAMES, SURNAMES, zipfPicker } from './uk-names'

const surname = zipfPicker(SURNAMES)
const femaleName = zipfPicker(FEMALE_NAMES, 10)
const maleName = zipfPicker(MALE_NAMES, 10)

function emailOf(faker: Faker, first: string, last: string): string {
  const plain = (v: string) =>
    v
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z]/g, '')
  const local = faker.helpers.arrayElement([
    `${plain(first)}.${plain(last)}`,
    `${plain(first)}${plain(last)}${faker.number.int({ min: 1, max: 99 })}`,
    `${plain(first).slice(0, 1)}${plain(last)}`,
    `${plain(first)}_${plain(last)}${faker.number.int({ min: 70, max: 99 })}`,
  ])
  return `${local}@${faker.helpers.arrayElement(['example.com', 'example.co.uk', 'example.org'])}`
}

// Real outward codes from around the UK; the inward part is made up (and well-formed).
const OUTWARD = [
  'LS6',
  'LS1',
  'LS17',
  'M20',
  'M14',
  'SW11',
  'SW4',
  'E17',
  'E8',
  'N16',
  'NW5',
  'SE22',
  'BS7',
  'BS3',
  'B15',
  'B13',
  'CF10',
  'CF5',
  'EH10',
  'EH6',
  'G12',
  'G41',
  'NE2',
  'S10',
  'S11',
  'OX4',
  'CB1',
  'BN1',
  'BN3',
  'RG1',
  'YO10',
  'NG7',
  'L17',
  'SO15',
  'EX4',
  'BA2',
  'GL50',
  'CV32',
]
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'

const EVENTS = [
  ['London Marathon', '2027-04-25'],
  ['Manchester Marathon', '2027-04-18'],
  ['Great North Run', '2027-09-12'],
  ['Brighton Marathon', '2027-04-11'],
  ['Edinburgh Half Marathon', '2027-05-30'],
  ['Yorkshire Three Peaks', '2027-04-24'],
  ['RideLondon 100', '2027-05-23'],
  ['Outlaw Triathlon', '2027-07-25'],
] as const

const EVENT_KM: Record<string, number> = {
  'London Marathon': 42.2,
  'Manchester Marathon': 42.2,
  'Great North Run': 21.1,
  'Brighton Marathon': 42.2,
  'Edinburgh Half Marathon': 21.1,
  'Yorkshire Three Peaks': 37,
}

/** A runner's week from their weekly km: about 10 km a run, the long run about a third. */
function training(weeklyKm: number | null) {
  if (weeklyKm === null) return { weeklyTraining: '' }
  return {
    weeklyTraining: '',
    weeklyKm,
    runsPerWeek: Math.max(2, Math.min(7, Math.round(weeklyKm / 10))),
    longestRunKm: Math.round(weeklyKm * 0.35),
  }
}

const OTHER_SPORTS = [
  'Cycling',
  'Triathlon',
  'Football (Sunday league)',
  'Rugby',
  'Netball',
  'CrossFit',
  'Tennis',
  'Swimming',
  'Golf',
  'Climbing',
  'Hockey',
  'Rowing',
  'Yoga',
  'Powerlifting',
  '',
]

const OCCUPATIONS = [
  'Nurse',
  'Teacher',
  'Software developer',
  'Electrician',
  'Accountant',
  'Student',
  'Retired',
  'Personal trainer',
  'Warehouse operative',
  'Solicitor',
  'Chef',
  'Plumber',
  'Civil servant',
  'Paramedic',
  'Graphic designer',
  'Shop manager',
  '',
]

export function ukMobile(faker: Faker): string {
  for (;;) {
    const n = `07${faker.helpers.arrayElement(['4', '5', '7', '8', '9'])}${faker.string.numeric(2)} ${faker.string.numeric(6)}`
    if (isValidPhoneNumber(n, 'GB')) return n
  }
}

export function ukPostcode(faker: Faker): string {
  const letters = faker.helpers.arrayElements(INWARD_LETTERS.split(''), 2).join('')
  return `${faker.helpers.arrayElement(OUTWARD)} ${faker.number.int({ min: 1, max: 9 })}${letters}`
}

/** Ages weighted the way a sports-massage client list is: mostly 25-55, a few teens and 70s. */
function dateOfBirth(faker: Faker, today: Date): string {
  const age = faker.helpers.weightedArrayElement([
    { weight: 4, value: faker.number.int({ min: 16, max: 24 }) },
    { weight: 14, value: faker.number.int({ min: 25, max: 44 }) },
    { weight: 8, value: faker.number.int({ min: 45, max: 59 }) },
    { weight: 3, value: faker.number.int({ min: 60, max: 82 }) },
  ])
  const d = new Date(today)
  d.setUTCFullYear(d.getUTCFullYear() - age)
  d.setUTCDate(d.getUTCDate() - faker.number.int({ min: 0, max: 364 }))
  return d.toISOString().slice(0, 10)
}

/** One plausible en-GB client, as reception would type them. */
export function aGeneratedClient(faker: Faker, today: Date): ClientInput {
  const sex = faker.helpers.arrayElement(['female', 'male'] as const)
  const firstName = (sex === 'female' ? femaleName : maleName)(faker.number.float())
  const lastName = surname(faker.number.float())
  const runner = faker.datatype.boolean(0.45)
  const event = runner && faker.datatype.boolean(0.4) ? faker.helpers.arrayElement(EVENTS) : null
  const hasEmail = faker.datatype.boolean(0.85)
  return {
    title: faker.helpers.arrayElement(sex === 'female' ? ['Ms', 'Mrs', 'Miss', ''] : ['Mr', '']),
    firstName,
    lastName,
    preferredName: faker.datatype.boolean(0.05) ? firstName.slice(0, 3) : '',
    dateOfBirth: dateOfBirth(faker, today),
    gender: faker.datatype.boolean(0.7) ? (sex === 'female' ? 'Female' : 'Male') : '',
    mobile: ukMobile(faker),
    email: hasEmail ? emailOf(faker, firstName, lastName) : '',
    address: faker.location.streetAddress(),
    postcode: ukPostcode(faker),
    occupation: faker.helpers.arrayElement(OCCUPATIONS),
    referralSource: faker.helpers.arrayElement([
      'Word of mouth',
      'Running club',
      'Google',
      'Social media',
      'GP or physio',
      '',
    ]),
    sports: runner ? 'Running' : faker.helpers.arrayElement(OTHER_SPORTS),
    // The same random draws as before the structured fields (issue 18), so a seed still
    // makes the same clinic; the structured figures are worked out from the weekly distance.
    ...training(runner ? faker.number.int({ min: 10, max: 90 }) : null),
    eventName: event?.[0] ?? '',
    eventDate: event?.[1] ?? '',
    eventDistanceKm: event ? (EVENT_KM[event[0]] ?? null) : null,
    goals: runner
      ? faker.helpers.arrayElement([
          'Sub-4 marathon',
          'Stay injury-free',
          'First half marathon',
          'Manage tight calves',
          '',
        ])
      : faker.helpers.arrayElement([
          'Ease lower back pain',
          'Recover between matches',
          'Improve shoulder mobility',
          '',
        ]),
    consentTreatment: true,
    consentDataNotice: true,
    marketingEmail: hasEmail && faker.datatype.boolean(0.3),
    marketingSms: faker.datatype.boolean(0.2),
  }
}
