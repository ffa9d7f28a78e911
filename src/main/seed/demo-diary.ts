import type { Faker } from '@faker-js/faker'
import type { PlinthCore } from '../app-core'
import type { Session } from '../rpc/context'
import { addDays, utcToZoned, zonedToUtc } from '../services/diary/clinic-clock'

async function must<T>(
  p: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>,
  what: string,
): Promise<T> {
  const r = await p
  if (!r.ok) throw new Error(`Seeding ${what} failed: ${r.error.message}`)
  return r.value as T
}

const WEEK = [1, 2, 3, 4, 5]

/**
 * The diary part of the demo clinic: four therapists with real-looking weeks (split shifts,
 * a lunch break, one on holiday next week), the usual services, two rooms, and this week and
 * next about three-quarters full, booked through the router so every rule applies.
 */
export async function seedDemoDiary(
  core: PlinthCore,
  owner: Session,
  faker: Faker,
  now = core.now(),
): Promise<void> {
  const call = (method: string, input: unknown, what: string) =>
    must<{ id: number }>(core.router.call(method, input, owner), what)
  await call(
    'clinicHours.update',
    {
      opening: [
        ...WEEK.map((weekday) => ({ weekday, opens: '08:00', closes: '20:30' })),
        { weekday: 6, opens: '09:00', closes: '16:00' },
      ],
      closures: [
        { date: '2026-12-25', reason: 'Christmas Day' },
        { date: '2026-12-28', reason: 'Boxing Day (substitute day)' },
        { date: '2027-01-01', reason: 'New Year’s Day' },
      ],
      cancellationNoticeHours: 24,
    },
    'opening hours',
  )
  await call('rooms.create', { name: 'Room 1' }, 'room')
  await call('rooms.create', { name: 'Room 2' }, 'room')
  const services = [
    {
      name: 'Sports massage 30 min',
      durationMinutes: 30,
      pricePence: 4000,
      bufferAfterMinutes: 0,
      colour: '#0e6b63',
    },
    {
      name: 'Sports massage 60 min',
      durationMinutes: 60,
      pricePence: 6000,
      bufferAfterMinutes: 15,
      colour: '#2563eb',
    },
    {
      name: 'Initial assessment 60 min',
      durationMinutes: 60,
      pricePence: 7000,
      bufferAfterMinutes: 15,
      colour: '#7c3aed',
      needsRoom: true,
    },
    {
      name: 'Deep tissue 45 min',
      durationMinutes: 45,
      pricePence: 5500,
      bufferAfterMinutes: 15,
      colour: '#c2410c',
    },
  ]
  const serviceIds: number[] = []
  for (const s of services) serviceIds.push((await call('services.create', s, 'service')).id)
  const today = utcToZoned(now.getTime(), 'Europe/London').date
  const monday = addDays(today, -((utcToZoned(now.getTime(), 'Europe/London').weekday + 6) % 7))
  const therapists = [
    {
      name: 'Sam Patel',
      colour: '#0e6b63',
      serviceIds,
      hours: WEEK.map((weekday) => ({ weekday, starts: '09:00', ends: '17:30' })),
      breaks: WEEK.map((weekday) => ({ weekday, starts: '13:00', ends: '13:45' })),
    },
    {
      name: 'Alex Morgan',
      colour: '#2563eb',
      serviceIds: [serviceIds[0], serviceIds[1], serviceIds[3]],
      hours: [
        ...[1, 3, 5].flatMap((weekday) => [
          { weekday, starts: '08:00', ends: '12:00' },
          { weekday, starts: '16:00', ends: '20:00' },
        ]),
        { weekday: 6, starts: '09:00', ends: '14:00' },
      ],
      breaks: [],
    },
    {
      name: 'Jo Clarke',
      colour: '#be185d',
      serviceIds: [serviceIds[0], serviceIds[1], serviceIds[2]],
      hours: [2, 3, 4].map((weekday) => ({ weekday, starts: '12:00', ends: '20:30' })),
      breaks: [2, 3, 4].map((weekday) => ({ weekday, starts: '16:00', ends: '16:30' })),
    },
    {
      name: 'Priya Nair',
      colour: '#a16207',
      serviceIds,
      hours: [...WEEK, 6].map((weekday) => ({ weekday, starts: '09:00', ends: '15:00' })),
      breaks: [],
    },
  ]
  const therapistIds: number[] = []
  for (const t of therapists)
    therapistIds.push((await call('therapists.create', t, 'therapist')).id)
  await call(
    'therapists.addTimeOff',
    {
      therapistId: therapistIds[3],
      startsOn: addDays(monday, 7),
      endsOn: addDays(monday, 11),
      reason: 'Holiday',
    },
    'time off',
  )

  const clientIds: number[] = []
  for (let i = 0; i < 60; i++) {
    const firstName = faker.person.firstName()
    const lastName = faker.person.lastName()
    const r = await core.router.call(
      'clients.create',
      {
        firstName,
        lastName,
        mobile: `07${faker.string.numeric(3)} ${faker.string.numeric(6)}`,
        // Two in three give an e-mail, for the confirmations and reminders (issue 16).
        email:
          i % 3 === 2
            ? ''
            : `${firstName}.${lastName}@example.com`.toLowerCase().replace(/[^a-z.@]/g, ''),
      },
      owner,
    )
    if (!r.ok) continue
    const id = (r.value as { id: number }).id
    clientIds.push(id)
    // A few medical alerts, so the diary's alert icons show as they would in a real clinic.
    if (i % 8 === 3) {
      await core.router.call(
        'clients.addAlert',
        {
          clientId: id,
          text: faker.helpers.arrayElement([
            'On anticoagulants (warfarin)',
            'Type 1 diabetes',
            'Recent DVT – check before deep work',
            'Pregnant (22 weeks)',
          ]),
          severity: 'caution',
          acknowledgeOnOpen: false,
        },
        owner,
      )
    }
  }

  // Walk each therapist's days, booking from the start of their day with the odd gap.
  for (let d = 0; d < 14; d++) {
    const date = addDays(monday, d)
    for (const [i, therapistId] of therapistIds.entries()) {
      const offered = therapists[i]!.serviceIds
      for (let minute = 8 * 60; minute < 20 * 60 + 30;) {
        if (faker.number.float() < 0.22) {
          minute += 15 * faker.number.int({ min: 1, max: 4 })
          continue
        }
        const serviceId = faker.helpers.arrayElement(offered)!
        const service = services[serviceIds.indexOf(serviceId)]!
        const r = await core.router.call(
          'diary.book',
          {
            clientId: faker.helpers.arrayElement(clientIds),
            serviceId,
            therapistId,
            startsAt: new Date(zonedToUtc(date, minute, 'Europe/London')).toISOString(),
            // The demo's earlier days are history, booked after the fact on purpose.
            confirmPast: true,
          },
          owner,
        )
        minute += r.ok ? service.durationMinutes + service.bufferAfterMinutes : 15
        if (!r.ok) continue
        const booked = r.value as { id: number; startsAt: string }
        if (Date.parse(booked.startsAt) < now.getTime() - 3_600_000) {
          const status = faker.number.float() < 0.06 ? 'no_show' : 'completed'
          await core.router.call('diary.setStatus', { id: booked.id, status }, owner)
        }
      }
    }
  }
}
