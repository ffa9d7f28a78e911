import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { feeAmount } from '../../src/main/services/money/fees'
import { callOk } from '../fixtures/clients'
import { aService, aTherapist, at, openEveryDay, aBookableClient } from '../fixtures/diary'
import { owner, reception } from '../fixtures/money'
import { call, openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
let now = new Date('2026-03-01T12:00:00Z')

beforeEach(async () => {
  now = new Date('2026-03-01T12:00:00Z')
  core = await openTempCore({ now: () => now })
})
afterEach(async () => {
  await core.dispose()
})

async function setFees(
  noShowFee: { kind: 'none' | 'fixed' | 'percent'; value: number },
  lateCancelFee = noShowFee,
) {
  const s = await callOk(core, 'money.settings', {}, owner)
  await callOk(core, 'money.updateSettings', { ...s, noShowFee, lateCancelFee }, owner)
}

async function aBooking(local: string) {
  const massage = await aService().costing(5500).in(core)
  const sam = await aTherapist('Sam')
    .working(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], '08:00-20:00')
    .offering(massage)
    .in(core)
  await openEveryDay(core)
  const client = await aBookableClient(core)
  const a = await callOk(
    core,
    'diary.book',
    { clientId: client.id, serviceId: massage.id, therapistId: sam.id, startsAt: at(local) },
    reception,
  )
  return { a, client }
}

describe('no-show and late-cancellation fees', () => {
  it('works a percentage out half up to the penny', () => {
    expect(feeAmount({ kind: 'percent', value: 50 }, 5500)).toBe(2750)
    expect(feeAmount({ kind: 'percent', value: 33 }, 4550)).toBe(1502) // 1501.5 -> 1502
    expect(feeAmount({ kind: 'fixed', value: 2000 }, 5500)).toBe(2000)
    expect(feeAmount({ kind: 'none', value: 2000 }, 5500)).toBe(0)
  })

  it('offers and charges a Did-not-attend fee as an issued invoice on the account, once', async () => {
    await setFees({ kind: 'percent', value: 50 })
    const { a, client } = await aBooking('2026-03-02 10:00')
    now = new Date(at('2026-03-02 10:30'))
    await callOk(core, 'diary.setStatus', { id: a.id, status: 'no_show' }, reception)
    const [offer] = await callOk(
      core,
      'money.forAppointments',
      { appointmentIds: [a.id] },
      reception,
    )
    expect(offer).toMatchObject({ state: 'none', feePence: 2750 })
    const inv = await callOk(core, 'invoices.chargeFee', { appointmentId: a.id }, reception)
    expect(inv).toMatchObject({
      number: 'INV-000001',
      status: 'issued',
      grossPence: 2750,
      duePence: 2750,
    })
    expect(inv.lines[0]).toMatchObject({
      description: 'Missed appointment fee',
      appointmentId: a.id,
    })
    expect(
      (await callOk(core, 'money.account', { clientId: client.id }, reception)).owesPence,
    ).toBe(2750)
    const again = await call(core, 'invoices.chargeFee', { appointmentId: a.id }, reception)
    expect(again.ok || again.error).toMatchObject({ code: 'conflict' })
  })

  it('charges a late cancellation by the client, not one by the clinic or in good time', async () => {
    await setFees({ kind: 'none', value: 0 }, { kind: 'fixed', value: 2000 })
    const late = await aBooking('2026-03-02 10:00')
    // Cancelled 22 hours before, inside the 24-hour notice period.
    now = new Date(at('2026-03-01 12:00'))
    await callOk(core, 'diary.cancel', { id: late.a.id, by: 'client', reason: 'Unwell' }, reception)
    const inv = await callOk(core, 'invoices.chargeFee', { appointmentId: late.a.id }, reception)
    expect(inv).toMatchObject({ grossPence: 2000 })
    expect(inv.lines[0]!.description).toBe('Late cancellation fee')

    const byClinic = await callOk(
      core,
      'diary.book',
      {
        clientId: late.client.id,
        serviceId: (await core.db.selectFrom('services').select('id').executeTakeFirstOrThrow()).id,
        therapistId: (await core.db.selectFrom('therapists').select('id').executeTakeFirstOrThrow())
          .id,
        startsAt: at('2026-03-02 14:00'),
      },
      reception,
    )
    await callOk(
      core,
      'diary.cancel',
      { id: byClinic.id, by: 'clinic', reason: 'Therapist ill' },
      reception,
    )
    const refused = await call(
      core,
      'invoices.chargeFee',
      { appointmentId: byClinic.id },
      reception,
    )
    expect(refused.ok || refused.error).toMatchObject({ code: 'rule_broken' })
    // Did-not-attend is set to no fee: nothing is offered.
    const [offer] = await callOk(
      core,
      'money.forAppointments',
      { appointmentIds: [byClinic.id] },
      reception,
    )
    expect(offer!.feePence).toBeNull()
  })
})
