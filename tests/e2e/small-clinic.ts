import type { PlinthCore } from '../../src/main/app-core'
import { zonedToUtc } from '../../src/main/services/diary/clinic-clock'
import { aSession, call } from '../fixtures/temp-core'
import { TZ } from './clinic-clock'

export { TZ, today } from './clinic-clock'

const owner = aSession('owner')
/** A clinic-local date and HH:mm as the UTC instant the contract takes. */
export const at = (date: string, hhmm: string) =>
  new Date(
    zonedToUtc(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), TZ),
  ).toISOString()

/**
 * The small clinic most e2e journeys start from: open every day, Sam Patel working those
 * hours and offering one 60-minute massage, and Priya Shah and Tom Reed as clients.
 */
export async function aSmallClinic(
  core: PlinthCore,
  { opens = '08:00', closes = '20:00', bufferAfterMinutes = 15 } = {},
) {
  const every = [1, 2, 3, 4, 5, 6, 7]
  const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(r.error.message)
    return r.value
  }
  ok(
    await call(
      core,
      'clinicHours.update',
      {
        opening: every.map((weekday) => ({ weekday, opens, closes })),
        closures: [],
        cancellationNoticeHours: 24,
      },
      owner,
    ),
  )
  const service = ok(
    await call(
      core,
      'services.create',
      {
        name: 'Sports massage 60 min',
        durationMinutes: 60,
        pricePence: 6000,
        bufferAfterMinutes,
        colour: '#2563eb',
      },
      owner,
    ),
  )
  const sam = ok(
    await call(
      core,
      'therapists.create',
      {
        name: 'Sam Patel',
        colour: '#0e6b63',
        serviceIds: [service.id],
        hours: every.map((weekday) => ({ weekday, starts: opens, ends: closes })),
        breaks: [],
      },
      owner,
    ),
  )
  const priya = ok(
    await call(
      core,
      'clients.create',
      { firstName: 'Priya', lastName: 'Shah', mobile: '07911 123456' },
      owner,
    ),
  )
  const tom = ok(
    await call(
      core,
      'clients.create',
      { firstName: 'Tom', lastName: 'Reed', mobile: '07922 123456' },
      owner,
    ),
  )
  return { serviceId: service.id, samId: sam.id, priya: priya.id, tom: tom.id }
}
