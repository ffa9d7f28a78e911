import { z } from 'zod'
import { localDate, localTime, weekday } from './diary-setup'

// The diary's values: appointments, ranges, slots, bookings, series, the waiting list and
// the day sheet. The methods that take and give them are in appointments.ts.

// Four-digit years only: "-000001-01-01T00:00:00Z" and "+275760-…" parse in JavaScript, and
// an appointment in the year 9999 ends past what SQLite's date CHECKs accept.
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/
const isPlausibleYear = (ms: number) =>
  !Number.isNaN(ms) && ms >= Date.UTC(1900, 0, 1) && ms < Date.UTC(2200, 0, 1)

/** A UTC instant as an ISO string, e.g. 2026-03-03T09:00:00.000Z, in the years 1900–2199. */
export const instant = z
  .string()
  .max(40, 'Give a UTC time')
  .refine(
    (v) => UTC_INSTANT.test(v) && isPlausibleYear(Date.parse(v)),
    'Give a UTC time between the years 1900 and 2199',
  )
  .transform((v) => new Date(v).toISOString())

export const APPOINTMENT_STATUSES = [
  'booked',
  'arrived',
  'completed',
  'cancelled',
  'no_show',
] as const
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number]

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'Did not attend',
}

/** The same statuses where space is short: the diary's event chips. */
export const STATUS_SHORT_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  completed: 'Done',
  cancelled: 'Cancelled',
  no_show: 'DNA',
}

const alert = z.object({ severity: z.string(), text: z.string() })

export const diaryAppointment = z.object({
  id: z.number().int(),
  clientId: z.number().int(),
  clientName: z.string(),
  clientPhone: z.string(),
  alerts: z.array(alert),
  therapistId: z.number().int(),
  serviceId: z.number().int(),
  serviceName: z.string(),
  serviceColour: z.string(),
  roomId: z.number().int().nullable(),
  seriesId: z.number().int().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  blockedUntil: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  pricePence: z.number().int(),
  notes: z.string(),
  lateCancellation: z.boolean(),
  overrideReason: z.string().nullable(),
})
export type DiaryAppointment = z.output<typeof diaryAppointment>

export const historyEntry = z.object({
  at: z.string(),
  who: z.string().nullable(),
  action: z.string(),
  summary: z.string(),
})

export const appointmentDetail = diaryAppointment.extend({
  cancelledBy: z.enum(['client', 'clinic']).nullable(),
  cancelReason: z.string().nullable(),
  history: z.array(historyEntry),
})
export type AppointmentDetail = z.output<typeof appointmentDetail>

/** Who is working when, as UTC instants: the diary shades everything else. */
export const workingSpan = z.object({
  therapistId: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  kind: z.enum(['work', 'break']),
})

export const rangeInput = z
  .object({
    from: instant,
    to: instant,
    therapistIds: z.array(z.number().int().positive()).max(200).optional(),
    includeCancelled: z.boolean().default(false),
  })
  .refine((r) => r.to > r.from, { message: 'The end comes after the start', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 45 * 86_400_000, {
    message: 'Ask for at most 45 days at a time',
    path: ['to'],
  })

export const rangeOutput = z.object({
  appointments: z.array(diaryAppointment),
  working: z.array(workingSpan),
  closures: z.array(z.object({ date: z.string(), reason: z.string() })),
})
export type DiaryRange = z.output<typeof rangeOutput>

/** "Weekday evenings after 17:00": days of the week and a time-of-day window. */
export const partOfDay = z
  .object({
    weekdays: z
      .array(weekday)
      .min(1, 'Choose at least one day')
      .max(7)
      .default([1, 2, 3, 4, 5, 6, 7]),
    after: localTime.default('00:00'),
    before: z
      .string()
      .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/)
      .default('24:00'),
  })
  .refine((p) => p.before > p.after, { message: 'End after the start', path: ['before'] })
export type PartOfDay = z.output<typeof partOfDay>

export const slot = z.object({
  therapistId: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  roomId: z.number().int().nullable(),
})
export type Slot = z.output<typeof slot>

export const nextAvailableInput = z.object({
  serviceId: z.number().int().positive(),
  therapistId: z.number().int().positive().nullable().default(null),
  /** The client being booked: their own bookings (with any therapist) are not offered. */
  clientId: z.number().int().positive().optional(),
  /** Search from here (default: now). */
  from: instant.optional(),
  days: z.number().int().min(1).max(366).default(28),
  partOfDay: partOfDay.optional(),
  limit: z.number().int().min(1).max(50).default(10),
  /** "Later": continue after this slot. */
  after: z.object({ startsAt: instant, therapistId: z.number().int() }).optional(),
})
export const nextAvailableOutput = z.object({
  slots: z.array(slot),
  /** More slots exist inside the searched days. */
  more: z.boolean(),
  searchedUntil: z.string(),
})

export const overrideInput = z
  .object({
    reason: z
      .string()
      .trim()
      .min(3, 'Say why the rule is being overridden')
      .max(200, 'Keep the reason short'),
  })
  .optional()

export const bookInput = z.object({
  clientId: z.number({ message: 'Choose the client' }).int().positive('Choose the client'),
  serviceId: z.number({ message: 'Choose the service' }).int().positive('Choose the service'),
  therapistId: z.number({ message: 'Choose the therapist' }).int().positive(),
  startsAt: instant,
  roomId: z.number().int().positive().nullable().default(null),
  notes: z.string().trim().max(500, 'Keep booking notes short').default(''),
  override: overrideInput,
  /** A start in the past is refused unless this says it is on purpose (see past-booking.ts). */
  confirmPast: z.boolean().default(false),
})
export type BookInput = z.input<typeof bookInput>

export const moveInput = z
  .object({
    id: z.number().int().positive(),
    therapistId: z.number().int().positive(),
    startsAt: instant,
    /** A resize; otherwise the length is kept. */
    endsAt: instant.optional(),
    override: overrideInput,
    /** A start in the past is refused unless this says it is on purpose (see past-booking.ts). */
    confirmPast: z.boolean().default(false),
  })
  .refine((m) => m.endsAt === undefined || m.endsAt > m.startsAt, {
    message: 'The end comes after the start',
    path: ['endsAt'],
  })

export const statusInput = z.object({
  id: z.number().int().positive(),
  status: z.enum(['booked', 'arrived', 'completed', 'no_show']),
})

export const cancelInput = z.object({
  id: z.number().int().positive(),
  by: z.enum(['client', 'clinic']),
  reason: z.string().trim().min(1, 'Say why it was cancelled').max(200),
  /** For a series: this one, this and following, or every one still to come. */
  scope: z.enum(['one', 'following', 'all']).default('one'),
})

export const waitlistEntryInput = z.object({
  clientId: z.number().int().positive('Choose the client'),
  serviceId: z.number().int().positive('Choose the service'),
  therapistIds: z.array(z.number().int().positive()).max(200).default([]),
  windows: z.array(partOfDay).max(21).default([]),
  urgency: z.enum(['low', 'normal', 'high']).default('normal'),
  notes: z.string().trim().max(300).default(''),
})
export const waitlistEntry = z.object({
  id: z.number().int(),
  clientId: z.number().int(),
  clientName: z.string(),
  clientPhone: z.string(),
  serviceId: z.number().int(),
  therapistIds: z.array(z.number().int()),
  windows: z.array(
    z.object({ weekdays: z.array(z.number()), after: z.string(), before: z.string() }),
  ),
  urgency: z.enum(['low', 'normal', 'high']),
  notes: z.string(),
  createdAt: z.string(),
})
export type WaitlistEntry = z.output<typeof waitlistEntry>

export const cancelOutput = z.object({
  cancelled: z.array(z.number().int()),
  lateCancellation: z.boolean(),
  /** Waiting clients who would fit the freed time. */
  waitlistMatches: z.array(waitlistEntry),
})

export const seriesInput = bookInput.omit({ override: true }).extend({
  everyWeeks: z.number().int().min(1, 'At least every week').max(12, 'At most every 12 weeks'),
  count: z.number().int().min(2).max(52).optional(),
  until: localDate.optional(),
  /** Occurrence start instants the user chose to skip after seeing the conflicts. */
  skip: z.array(instant).max(520).default([]),
  /** true: only list the occurrences and their conflicts, book nothing. */
  dryRun: z.boolean().default(false),
})
export const occurrence = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  conflicts: z.array(z.string()),
  skipped: z.boolean(),
  appointmentId: z.number().int().nullable(),
})
export const seriesOutput = z.object({
  seriesId: z.number().int().nullable(),
  occurrences: z.array(occurrence),
})

/** Move an occurrence of a repeating booking: just it, it and the following, or all to come. */
export const seriesMoveInput = z.object({
  id: z.number().int().positive(),
  therapistId: z.number({ message: 'Choose the therapist' }).int().positive(),
  startsAt: instant,
  scope: z.enum(['one', 'following', 'all']).default('one'),
  /** A start in the past is refused unless this says it is on purpose (see past-booking.ts). */
  confirmPast: z.boolean().default(false),
  /** true: only list where each would go and what it would clash with; move nothing. */
  dryRun: z.boolean().default(false),
})
export const seriesMoveOutput = z.object({
  seriesId: z.number().int().nullable(),
  occurrences: z.array(
    z.object({
      appointmentId: z.number().int(),
      fromStartsAt: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      conflicts: z.array(z.string()),
    }),
  ),
})
export type SeriesMoveOutput = z.output<typeof seriesMoveOutput>

export const daySheetInput = z.object({
  date: localDate,
  therapistId: z.number().int().positive().nullable().default(null),
})
export const daySheetOutput = z.object({
  date: z.string(),
  therapists: z.array(
    z.object({
      therapistId: z.number().int(),
      name: z.string(),
      rows: z.array(
        z.object({
          appointmentId: z.number().int(),
          startsAt: z.string(),
          endsAt: z.string(),
          clientName: z.string(),
          phone: z.string(),
          serviceName: z.string(),
          status: z.enum(APPOINTMENT_STATUSES),
          alerts: z.array(alert),
        }),
      ),
    }),
  ),
})
export type DaySheet = z.output<typeof daySheetOutput>

export const byId = z.object({ id: z.number().int().positive() })

/** How often each service was booked (not cancelled) in the last year, clinic-wide and per therapist. */
export const serviceUsageOutput = z.object({
  clinic: z.array(z.object({ serviceId: z.number().int(), count: z.number().int() })),
  byTherapist: z.array(
    z.object({
      therapistId: z.number().int(),
      serviceId: z.number().int(),
      count: z.number().int(),
    }),
  ),
})
export type ServiceUsage = z.output<typeof serviceUsageOutput>
