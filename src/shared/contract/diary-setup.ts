import { ALL_STAFF } from '../roles'
import { z } from 'zod'
import { method } from './define'
import { revisioned, savesOn } from './revisions'

/** 'HH:MM', 24-hour, on a quarter-hour: the diary's grid. */
export const localTime = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time like 09:00')
  .refine((v) => Number(v.slice(3)) % 15 === 0, 'Use quarter hours (:00, :15, :30, :45)')

export const localDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
  }, 'Enter a real date')

export const colour = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Choose a colour')
  .transform((v) => v.toLowerCase())

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export const weekday = z.number().int().min(1).max(7)

export const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const

const timeRange = z
  .object({ weekday, starts: localTime, ends: localTime })
  .refine((r) => r.ends > r.starts, { message: 'End after the start', path: ['ends'] })

/** Ranges on the same weekday may not overlap: 09:00-13:00 and 12:00-18:00 is a typo. */
function rangesDoNotOverlap(
  ranges: { weekday: number; starts: string; ends: string }[],
  ctx: z.RefinementCtx,
  field: string,
) {
  ranges.forEach((a, i) => {
    ranges.forEach((b, j) => {
      if (j <= i || a.weekday !== b.weekday) return
      if (a.starts < b.ends && b.starts < a.ends) {
        ctx.addIssue({
          code: 'custom',
          path: [field, j, 'starts'],
          message: `Overlaps ${a.starts}-${a.ends} on ${WEEKDAY_NAMES[a.weekday - 1]}`,
        })
      }
    })
  })
}

type DayRange = { weekday: number; starts: string; ends: string }

/** Whether back-to-back working ranges (09:00-13:00, 13:00-17:00) cover the whole break. */
function covered(b: DayRange, hours: DayRange[]): boolean {
  let from = b.starts
  for (const h of [...hours].sort((x, y) => x.starts.localeCompare(y.starts))) {
    if (h.starts <= from && from < h.ends) from = h.ends
  }
  return from >= b.ends
}

/**
 * A break is time off within a working day; one outside that day's working hours (or on a day
 * off) means nothing and is usually a typo (18:30 for 13:30), so it is refused, named.
 */
function breaksWithinHours(t: { hours: DayRange[]; breaks: DayRange[] }, ctx: z.RefinementCtx) {
  t.breaks.forEach((b, j) => {
    const day = WEEKDAY_NAMES[b.weekday - 1]
    const hours = t.hours.filter((h) => h.weekday === b.weekday)
    if (covered(b, hours)) return
    ctx.addIssue({
      code: 'custom',
      path: ['breaks', j, 'starts'],
      message:
        hours.length === 0
          ? `${b.starts}-${b.ends}: no working hours on ${day}`
          : `${b.starts}-${b.ends} is outside ${day}’s working hours (${hours
              .map((h) => `${h.starts}-${h.ends}`)
              .join(', ')})`,
    })
  })
}

export const therapistInput = z
  .object({
    name: z.string().trim().min(1, 'Enter the name').max(80, 'Keep the name under 80 characters'),
    colour,
    active: z.boolean().default(true),
    userId: z.number().int().positive().nullable().default(null),
    serviceIds: z.array(z.number().int().positive()).max(200).default([]),
    hours: z.array(timeRange).max(70).default([]),
    breaks: z.array(timeRange).max(70).default([]),
  })
  .superRefine((t, ctx) => {
    rangesDoNotOverlap(t.hours, ctx, 'hours')
    rangesDoNotOverlap(t.breaks, ctx, 'breaks')
    breaksWithinHours(t, ctx)
  })
export type TherapistInput = z.input<typeof therapistInput>

export const timeOff = z.object({
  id: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  reason: z.string(),
  /** Part of each day ('14:00'–'17:00'); both null for whole days. */
  fromTime: z.string().nullable(),
  untilTime: z.string().nullable(),
})
export type TimeOff = z.output<typeof timeOff>

export const therapist = z.object({
  id: z.number().int(),
  name: z.string(),
  colour: z.string(),
  active: z.boolean(),
  userId: z.number().int().nullable(),
  serviceIds: z.array(z.number().int()),
  hours: z.array(z.object({ weekday: z.number(), starts: z.string(), ends: z.string() })),
  breaks: z.array(z.object({ weekday: z.number(), starts: z.string(), ends: z.string() })),
  /** Time off that has not ended yet, soonest first. */
  timeOff: z.array(timeOff),
})
export type Therapist = z.output<typeof therapist>

export const timeOffInput = z
  .object({
    therapistId: z.number().int().positive(),
    startsOn: localDate,
    endsOn: localDate,
    reason: z
      .string()
      .trim()
      .min(1, 'Say why, e.g. holiday or sickness')
      .max(120, 'Keep the reason short'),
    /** Part of a day only: both times, or neither for whole days. */
    fromTime: localTime.nullable().default(null),
    untilTime: localTime.nullable().default(null),
  })
  .refine((t) => t.endsOn >= t.startsOn, {
    message: 'The last day cannot be before the first',
    path: ['endsOn'],
  })
  .refine((t) => (t.fromTime === null) === (t.untilTime === null), {
    message: 'Give both times, or neither for whole days',
    path: ['untilTime'],
  })
  .refine((t) => t.fromTime === null || t.untilTime === null || t.untilTime > t.fromTime, {
    message: 'The end comes after the start',
    path: ['untilTime'],
  })

export const serviceInput = z.object({
  name: z.string().trim().min(1, 'Enter the name').max(80, 'Keep the name under 80 characters'),
  durationMinutes: z
    .number({ message: 'Enter the length in minutes' })
    .int('Whole minutes')
    .min(15, 'At least 15 minutes')
    .max(480, 'At most 8 hours')
    .refine((v) => v % 15 === 0, 'Use multiples of 15 minutes'),
  pricePence: z
    .number({ message: 'Enter the price' })
    .int('Whole pence')
    .min(0, 'The price cannot be negative')
    .max(10_000_00, 'That price looks wrong'),
  bufferAfterMinutes: z
    .number({ message: 'Enter the minutes, or 0' })
    .int('Whole minutes')
    .min(0, 'Cannot be negative')
    .max(120, 'At most 2 hours')
    .refine((v) => v % 5 === 0, 'Use multiples of 5 minutes'),
  colour,
  needsRoom: z.boolean().default(false),
  active: z.boolean().default(true),
})
export type ServiceInput = z.input<typeof serviceInput>

export const service = z.object({
  id: z.number().int(),
  name: z.string(),
  durationMinutes: z.number().int(),
  pricePence: z.number().int(),
  bufferAfterMinutes: z.number().int(),
  colour: z.string(),
  needsRoom: z.boolean(),
  active: z.boolean(),
})
export type Service = z.output<typeof service>

export const roomInput = z.object({
  name: z.string().trim().min(1, 'Enter the name').max(60, 'Keep the name under 60 characters'),
  active: z.boolean().default(true),
})
export const room = z.object({ id: z.number().int(), name: z.string(), active: z.boolean() })
export type Room = z.output<typeof room>

export const clinicHoursInput = z
  .object({
    opening: z
      .array(
        z
          .object({ weekday, opens: localTime, closes: localTime })
          .refine((r) => r.closes > r.opens, { message: 'Close after opening', path: ['closes'] }),
      )
      .max(7),
    closures: z
      .array(
        z.object({
          date: localDate,
          reason: z.string().trim().min(1, 'Say why, e.g. Christmas Day').max(80),
        }),
      )
      .max(500),
    cancellationNoticeHours: z
      .number({ message: 'Enter the hours' })
      .int('Whole hours')
      .min(0, 'Cannot be negative')
      .max(168, 'At most a week'),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<number>()
    v.opening.forEach((o, i) => {
      if (seen.has(o.weekday))
        ctx.addIssue({ code: 'custom', path: ['opening', i, 'weekday'], message: 'Listed twice' })
      seen.add(o.weekday)
    })
    const days = new Set<string>()
    v.closures.forEach((c, i) => {
      if (days.has(c.date))
        ctx.addIssue({ code: 'custom', path: ['closures', i, 'date'], message: 'Listed twice' })
      days.add(c.date)
    })
  })
export type ClinicHoursInput = z.input<typeof clinicHoursInput>
export const clinicHours = z.object({
  opening: z.array(z.object({ weekday: z.number(), opens: z.string(), closes: z.string() })),
  closures: z.array(z.object({ date: z.string(), reason: z.string() })),
  cancellationNoticeHours: z.number().int(),
})
export type ClinicHours = z.output<typeof clinicHours>

const byId = z.object({ id: z.number().int().positive() })

export const diarySetupContract = {
  'therapists.list': method({
    summary: 'List therapists',
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(revisioned(therapist)),
    roles: ALL_STAFF,
    revision: { kind: 'therapist', as: 'list' },
  }),
  'therapists.create': method({
    summary: 'Add a therapist',
    input: therapistInput,
    output: revisioned(therapist),
    roles: ['owner'],
    revision: { kind: 'therapist', as: 'create' },
  }),
  'therapists.update': method({
    summary: 'Change a therapist',
    input: savesOn(z.intersection(byId, therapistInput)),
    output: revisioned(therapist),
    roles: ['owner'],
    revision: { kind: 'therapist', as: 'save' },
  }),
  'therapists.addTimeOff': method({
    summary: 'Record time off for a therapist',
    input: timeOffInput,
    output: revisioned(therapist),
    roles: ['owner'],
    revision: { kind: 'therapist', as: 'read' },
  }),
  'therapists.removeTimeOff': method({
    summary: 'Remove time off',
    input: byId,
    output: revisioned(therapist),
    roles: ['owner'],
    revision: { kind: 'therapist', as: 'read' },
  }),
  'services.list': method({
    summary: 'List services',
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(revisioned(service)),
    roles: ALL_STAFF,
    revision: { kind: 'service', as: 'list' },
  }),
  'services.create': method({
    summary: 'Add a service',
    input: serviceInput,
    output: revisioned(service),
    roles: ['owner'],
    revision: { kind: 'service', as: 'create' },
  }),
  'services.update': method({
    summary: 'Change a service',
    input: savesOn(z.intersection(byId, serviceInput)),
    output: revisioned(service),
    roles: ['owner'],
    revision: { kind: 'service', as: 'save' },
  }),
  'rooms.list': method({
    summary: 'List rooms',
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(revisioned(room)),
    roles: ALL_STAFF,
    revision: { kind: 'room', as: 'list' },
  }),
  'rooms.create': method({
    summary: 'Add a room',
    input: roomInput,
    output: revisioned(room),
    roles: ['owner'],
    revision: { kind: 'room', as: 'create' },
  }),
  'rooms.update': method({
    summary: 'Change a room',
    input: savesOn(z.intersection(byId, roomInput)),
    output: revisioned(room),
    roles: ['owner'],
    revision: { kind: 'room', as: 'save' },
  }),
  'clinicHours.get': method({
    summary: 'Read the opening hours',
    input: z.object({}),
    output: revisioned(clinicHours),
    roles: ALL_STAFF,
    revision: { kind: 'clinic-hours', as: 'read' },
  }),
  'clinicHours.update': method({
    summary: 'Change the opening hours',
    input: savesOn(clinicHoursInput),
    output: revisioned(clinicHours),
    roles: ['owner'],
    revision: { kind: 'clinic-hours', as: 'save' },
  }),
}
