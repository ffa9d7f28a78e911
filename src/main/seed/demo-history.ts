import type { Faker } from '@faker-js/faker'
import type { PlinthCore } from '../app-core'
import { silentLogger } from '../log'
import { handlers } from '../rpc/handlers'
import type { Session } from '../rpc/context'
import { createRouter } from '../rpc/router'
import { addDays, utcToZoned } from '../services/diary/clinic-clock'
import { workingSpans } from '../services/diary/working-spans'

/** How far back the demo clinic's history goes: enough for this quarter and last month. */
export const HISTORY_WEEKS = 16
const DAY = 86_400_000
const TZ = 'Europe/London'
/** The till's float, counted with the cash. */
const FLOAT = 5000

/**
 * Months of past clinic life for the demo's reports (issue 14), each step through the router
 * at the time it would have happened (a router over the same file whose clock the seed sets):
 * bookings made days or weeks ahead, visits completed and paid at checkout (card, cash, now
 * and then left owing or refunded), DNAs, cancellations in good time and late, new clients
 * arriving week by week among regulars, cash-ups at the end of each day, and the owner's
 * commission rates. So every figure's timestamps read as a real clinic's would.
 */
export async function seedDemoHistory(
  core: PlinthCore,
  owner: Session,
  faker: Faker,
  now = core.now(),
): Promise<void> {
  let clock = now
  const router = createRouter({
    db: core.db,
    handlers,
    log: silentLogger,
    now: () => clock,
  })
  const call = async <T>(at: number, method: string, input: unknown): Promise<T | null> => {
    clock = new Date(at)
    const r = await router.call(method, input, owner)
    return r.ok ? (r.value as T) : null
  }
  const today = utcToZoned(now.getTime(), TZ).date
  const monday = addDays(today, -((utcToZoned(now.getTime(), TZ).weekday + 6) % 7))
  const start = addDays(monday, -7 * HISTORY_WEEKS)
  const services = await core.db
    .selectFrom('therapist_services as ts')
    .innerJoin('services as s', 's.id', 'ts.service_id')
    .select([
      'ts.therapist_id',
      's.id',
      's.duration_minutes',
      's.buffer_after_minutes',
      's.price_pence',
    ])
    .execute()
  const clients = (
    await core.db
      .selectFrom('clients')
      .select('id')
      .where('archived_at', 'is', null)
      .orderBy('id')
      .execute()
  ).map((c) => c.id)
  const methods = (await call<{ id: number; kind: string }[]>(now.getTime(), 'money.methods', {}))!
  const method = (kind: string) => methods.find((m) => m.kind === kind)!.id
  const spans = await workingSpans(
    core.db,
    new Date(`${start}T00:00:00Z`).toISOString(),
    new Date(`${monday}T00:00:00Z`).toISOString(),
    undefined,
  )
  const booked: { id: number; startsAt: string; endsAt: string; pricePence: number }[] = []
  for (const span of spans.working.filter((s) => s.kind === 'work')) {
    const offered = services.filter((s) => s.therapist_id === span.therapistId)
    if (offered.length === 0) continue
    // Clients come in over the weeks: the pool grows, so each month has its new clients.
    const week = Math.floor(
      (Date.parse(span.startsAt) - Date.parse(`${start}T00:00:00Z`)) / (7 * DAY),
    )
    const pool = clients.slice(
      0,
      Math.max(20, Math.round((clients.length * (week + 4)) / (HISTORY_WEEKS + 4))),
    )
    for (let t = Date.parse(span.startsAt); t < Date.parse(span.endsAt);) {
      if (faker.number.float() < 0.4) {
        t += 15 * 60_000 * faker.number.int({ min: 1, max: 4 })
        continue
      }
      const service = faker.helpers.arrayElement(offered)
      const a = await call<{ id: number; startsAt: string; endsAt: string }>(
        t -
          faker.number.int({ min: 1, max: 21 }) * DAY -
          faker.number.int({ min: 0, max: 600 }) * 60_000,
        'diary.book',
        {
          clientId: faker.helpers.arrayElement(pool),
          serviceId: service.id,
          therapistId: span.therapistId,
          startsAt: new Date(t).toISOString(),
        },
      )
      t += (a ? service.duration_minutes + service.buffer_after_minutes : 15) * 60_000
      if (a) booked.push({ ...a, pricePence: service.price_pence })
    }
  }
  booked.sort((a, b) => a.startsAt.localeCompare(b.startsAt))
  let day = ''
  for (const a of booked) {
    const startsAt = Date.parse(a.startsAt)
    const endsAt = Date.parse(a.endsAt)
    const date = utcToZoned(startsAt, TZ).date
    if (day && date !== day) await cashUp(day)
    day = date
    const roll = faker.number.float()
    if (roll < 0.07) {
      await call(endsAt + 10 * 60_000, 'diary.setStatus', { id: a.id, status: 'no_show' })
      continue
    }
    if (roll < 0.15) {
      // Half in good time (three days ahead), half on the day.
      const at = roll < 0.11 ? startsAt - 3 * DAY : startsAt - 2 * 3_600_000
      await call(at, 'diary.cancel', { id: a.id, by: 'client', reason: 'Could not make it' })
      continue
    }
    await call(endsAt, 'diary.setStatus', { id: a.id, status: 'completed' })
    if (roll > 0.95) continue // left for the owner's outstanding list
    const kind = roll < 0.7 ? 'card' : roll < 0.88 ? 'cash' : 'bank_transfer'
    const paid = await call<{
      entries?: { id: number }[]
      invoice: { id: number; clientId: number }
    }>(endsAt + 5 * 60_000, 'invoices.checkout', {
      appointmentId: a.id,
      payments: [{ methodId: method(kind), amountPence: a.pricePence }],
    })
    if (paid && roll > 0.915 && roll <= 0.93) {
      // A refund a week later: the client paid twice, or the session was cut short.
      await call(endsAt + 7 * DAY, 'payments.refund', {
        clientId: paid.invoice.clientId,
        invoiceId: paid.invoice.id,
        methodId: method(kind === 'cash' ? 'cash' : 'card'),
        amountPence: Math.min(1500, a.pricePence),
        reason: 'Goodwill refund',
      })
    }
    if (paid && roll > 0.93) {
      await call(endsAt + 2 * DAY, 'creditNotes.issue', {
        invoiceId: paid.invoice.id,
        amountPence: Math.min(1000, a.pricePence),
        reason: 'Session ended early',
      })
    }
  }
  if (day) await cashUp(day)

  async function cashUp(date: string) {
    const at = new Date(`${date}T19:00:00Z`).getTime()
    const d = await call<{ methods: { methodId: number; kind: string; takenPence: number }[] }>(
      at,
      'cashUp.day',
      { date },
    )
    const counts = (d?.methods ?? [])
      .filter((m) => m.takenPence > 0)
      .map((m) => ({
        methodId: m.methodId,
        countedPence: Math.max(
          0,
          m.takenPence +
            (m.kind === 'cash' ? FLOAT : 0) +
            (m.kind === 'cash' && faker.number.float() < 0.25
              ? faker.helpers.arrayElement([-500, -100, 100, 200])
              : 0),
        ),
      }))
    if (counts.length) await call(at, 'cashUp.record', { date, floatPence: FLOAT, counts })
  }

  const therapists = await core.db.selectFrom('therapists').select('id').orderBy('id').execute()
  const rates = [4000, 3500, 4500, 4000]
  for (const [i, t] of therapists.entries()) {
    await call(now.getTime(), 'reports.setCommissionRates', {
      therapistId: t.id,
      rates: [{ serviceId: null, rateBp: rates[i % rates.length] }],
    })
  }
}
