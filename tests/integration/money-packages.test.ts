import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callOk } from '../fixtures/clients'
import { aBookableClient } from '../fixtures/diary'
import { anArrival, methods, owner, reception, registerForVat } from '../fixtures/money'
import { aClinicSellingPackages, aPackageType, sellPackage } from '../fixtures/packages'
import { call, openTempCore } from '../fixtures/temp-core'

// Wed 17 June 2026, 10:00 in London.
let now = new Date('2026-06-17T09:00:00Z')
let core: Awaited<ReturnType<typeof openTempCore>>
let m: Record<string, number>
beforeEach(async () => {
  now = new Date('2026-06-17T09:00:00Z')
  core = await openTempCore({ now: () => now })
  m = await methods(core)
})
afterEach(async () => {
  await core.dispose()
})

describe('selling a package', () => {
  it('issues an invoice with a package line, VAT at the service rate, paid in full, and gives the client the sessions', async () => {
    await registerForVat(core)
    const { priya, type, massage } = await aClinicSellingPackages(core)
    const { package: pkg, invoice } = await sellPackage(core, priya.id, type)
    expect(pkg).toMatchObject({
      clientId: priya.id,
      name: '5 × Sports massage 60 min',
      serviceIds: [massage.id],
      sessions: 5,
      left: 5,
      pricePence: 25000,
      unusedValuePence: 25000,
      expiresOn: '2026-12-17',
      expired: false,
      refunded: false,
      paid: true,
      invoiceNumber: 'INV-000001',
      history: [],
    })
    // £250 including VAT at 20 %: 250 × 0.2 / 1.2 = £41.666..., £41.67 to the penny.
    expect(invoice.lines).toMatchObject([
      { kind: 'package', serviceId: massage.id, vatRate: 'standard', vatPence: 4167 },
    ])
    expect(invoice).toMatchObject({ grossPence: 25000, vatPence: 4167, duePence: 0 })
    const audit = await core.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'packages.sell')
      .execute()
    expect(audit).toEqual([
      { summary: `Sold package #${pkg.id} (5 sessions, £250.00) on INV-000001` },
    ])
  })

  it('refuses a part-paid sale, or a retired type, and leaves nothing behind', async () => {
    const { priya, type, massage } = await aClinicSellingPackages(core)
    const part = await call(
      core,
      'packages.sell',
      {
        clientId: priya.id,
        packageTypeId: type.id,
        payments: [{ methodId: m.cash!, amountPence: 20000 }],
      },
      reception,
    )
    expect(part.ok || part.error).toMatchObject({
      code: 'rule_broken',
      message: 'A package is sold paid in full.',
    })
    await callOk(core, 'packages.saveType', { ...type, active: false }, owner)
    const retired = await call(
      core,
      'packages.sell',
      {
        clientId: priya.id,
        packageTypeId: type.id,
        payments: [{ methodId: m.cash!, amountPence: 25000 }],
      },
      reception,
    )
    expect(retired.ok || retired.error).toMatchObject({ code: 'rule_broken' })
    for (const table of ['invoices', 'client_packages', 'ledger_entries'] as const) {
      expect(await core.db.selectFrom(table).selectAll().execute(), table).toEqual([])
    }
    expect(await callOk(core, 'packages.types', {}, reception)).toEqual([])
    const all = await callOk(core, 'packages.types', { includeRetired: true }, reception)
    expect(all).toMatchObject([{ id: type.id, active: false, serviceIds: [massage.id] }])
  })

  it('keeps the terms it was sold with when the owner changes the type later', async () => {
    const { priya, type, back } = await aClinicSellingPackages(core)
    const { package: pkg } = await sellPackage(core, priya.id, type)
    await callOk(
      core,
      'packages.saveType',
      { ...type, sessions: 10, pricePence: 45000, serviceIds: [back.id] },
      owner,
    )
    expect(await callOk(core, 'packages.forClient', { clientId: priya.id })).toMatchObject([
      { id: pkg.id, sessions: 5, pricePence: 25000, serviceIds: type.serviceIds },
    ])
  })
})

describe('using a package', () => {
  async function soldAndArrived() {
    const clinic = await aClinicSellingPackages(core)
    const { package: pkg } = await sellPackage(core, clinic.priya.id, clinic.type)
    const visit = await anArrival(
      core,
      clinic.priya.id,
      clinic.massage.id,
      clinic.sam.id,
      '2026-06-17 11:00',
    )
    return { ...clinic, pkg, visit }
  }

  it('pays for an eligible appointment with one session, shown as paid, and can be undone with a reason', async () => {
    const { pkg, visit } = await soldAndArrived()
    expect(
      await callOk(core, 'packages.forAppointment', { appointmentId: visit.id }),
    ).toMatchObject([{ id: pkg.id, left: 5 }])
    const used = await callOk(core, 'packages.use', { appointmentId: visit.id, packageId: pkg.id })
    expect(await callOk(core, 'packages.forAppointment', { appointmentId: visit.id })).toEqual([])
    expect(used).toMatchObject({ left: 4, history: [{ kind: 'use', appointmentId: visit.id }] })
    expect(
      await callOk(core, 'money.forAppointments', { appointmentIds: [visit.id] }),
    ).toMatchObject([
      { state: 'paid', invoiceId: null, fromPackage: '5 × Sports massage 60 min', feePence: null },
    ])
    // Paid once only: not again from the package, not by taking money for it.
    const again = await call(
      core,
      'packages.use',
      { appointmentId: visit.id, packageId: pkg.id },
      reception,
    )
    expect(again.ok || again.error).toMatchObject({ code: 'conflict' })
    const checkout = await call(
      core,
      'invoices.checkout',
      { appointmentId: visit.id, payments: [{ methodId: m.card!, amountPence: 5500 }] },
      reception,
    )
    expect(checkout.ok || checkout.error).toMatchObject({
      code: 'conflict',
      message:
        'This appointment was paid from the package "5 × Sports massage 60 min"; undo that use first.',
    })
    expect(await core.db.selectFrom('invoices').select('id').execute()).toHaveLength(1)

    const sessionId = used.history[0]!.id
    const undone = await callOk(core, 'packages.reverseUse', {
      sessionId,
      reason: 'Wrong client checked out',
    })
    expect(undone).toMatchObject({ left: 5 })
    expect(undone.history).toMatchObject([
      { kind: 'use', reversed: true },
      { kind: 'reversal', sessions: 1, reason: 'Wrong client checked out' },
    ])
    const twice = await call(core, 'packages.reverseUse', { sessionId, reason: 'Again' }, reception)
    expect(twice.ok || twice.error).toMatchObject({ code: 'conflict' })
    // Undone, the appointment can be paid from the package (or with money) again.
    expect(
      await callOk(core, 'packages.use', { appointmentId: visit.id, packageId: pkg.id }),
    ).toMatchObject({ left: 4 })
    const actions = await core.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'in', ['packages.sell', 'packages.use', 'packages.reverseUse'])
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'packages.sell',
      'packages.use',
      'packages.reverseUse',
      'packages.use',
    ])
    // No clinical detail: neither the package's name nor the reason typed.
    for (const a of actions) expect(a.summary).not.toMatch(/massage|Wrong client/i)
  })

  it('refuses a service the package is not for, another client, and an appointment not yet arrived', async () => {
    const { pkg, priya, back, sam, massage } = await soldAndArrived()
    const backVisit = await anArrival(core, priya.id, back.id, sam.id, '2026-06-17 13:00')
    const r1 = await call(
      core,
      'packages.use',
      { appointmentId: backVisit.id, packageId: pkg.id },
      reception,
    )
    expect(r1.ok || r1.error).toMatchObject({
      code: 'rule_broken',
      message: '"5 × Sports massage 60 min" is not for this service.',
    })
    const other = await aBookableClient(core)
    const theirs = await anArrival(core, other.id, massage.id, sam.id, '2026-06-17 14:00')
    const r2 = await call(
      core,
      'packages.use',
      { appointmentId: theirs.id, packageId: pkg.id },
      reception,
    )
    expect(r2.ok || r2.error).toMatchObject({ message: "That package is not this client's." })
    const booked = await callOk(core, 'diary.book', {
      clientId: priya.id,
      serviceId: massage.id,
      therapistId: sam.id,
      startsAt: '2026-06-18T09:00:00.000Z',
    })
    const r3 = await call(
      core,
      'packages.use',
      { appointmentId: booked.id, packageId: pkg.id },
      reception,
    )
    expect(r3.ok || r3.error).toMatchObject({ code: 'rule_broken', message: /arrived/ })
    // Part-paid with money at the desk: the rest is owed on the invoice, not taken from the package.
    const invoiced = await anArrival(core, priya.id, massage.id, sam.id, '2026-06-17 15:00')
    await callOk(core, 'invoices.checkout', {
      appointmentId: invoiced.id,
      payments: [{ methodId: m.cash!, amountPence: 2000 }],
    })
    expect(await callOk(core, 'packages.forAppointment', { appointmentId: invoiced.id })).toEqual(
      [],
    )
    const r4 = await call(
      core,
      'packages.use',
      { appointmentId: invoiced.id, packageId: pkg.id },
      reception,
    )
    expect(r4.ok || r4.error).toMatchObject({
      code: 'conflict',
      message: 'This appointment is already on INV-000002; credit or discard it first.',
    })
    expect(await core.db.selectFrom('package_sessions').selectAll().execute()).toEqual([])
  })

  it('refuses an expired package, counting the appointment day against the last day', async () => {
    const { pkg, priya, massage, sam } = await soldAndArrived()
    now = new Date('2026-12-18T10:00:00Z')
    const late = await anArrival(core, priya.id, massage.id, sam.id, '2026-12-18 11:00')
    expect(await callOk(core, 'packages.forAppointment', { appointmentId: late.id })).toEqual([])
    const r = await call(
      core,
      'packages.use',
      { appointmentId: late.id, packageId: pkg.id },
      reception,
    )
    expect(r.ok || r.error).toMatchObject({
      code: 'rule_broken',
      message: '"5 × Sports massage 60 min" expired on 17 Dec 2026.',
    })
    // The last day itself is in time, even checked out the morning after.
    const lastDay = await anArrival(core, priya.id, massage.id, sam.id, '2026-12-17 18:00')
    expect(
      await callOk(core, 'packages.use', { appointmentId: lastDay.id, packageId: pkg.id }),
    ).toMatchObject({ left: 4, expired: true })
  })

  it('is never overdrawn: the service says so, and the database refuses it too', async () => {
    const { priya, massage, sam } = await aClinicSellingPackages(core)
    const single = await aPackageType(core, [massage.id], {
      name: 'Single session',
      sessions: 1,
      pricePence: 5000,
    })
    const { package: pkg } = await sellPackage(core, priya.id, single)
    const a = await anArrival(core, priya.id, massage.id, sam.id, '2026-06-17 11:00')
    const b = await anArrival(core, priya.id, massage.id, sam.id, '2026-06-17 13:00')
    await callOk(core, 'packages.use', { appointmentId: a.id, packageId: pkg.id })
    const r = await call(
      core,
      'packages.use',
      { appointmentId: b.id, packageId: pkg.id },
      reception,
    )
    expect(r.ok || r.error).toMatchObject({ message: '"Single session" has no sessions left.' })

    const insert = (values: Record<string, unknown>) =>
      sql`INSERT INTO package_sessions (package_id, client_id, kind, sessions, appointment_id,
            reverses_id, credit_note_id, at)
          VALUES (${pkg.id}, ${values['client'] ?? priya.id}, ${values['kind'] ?? 'use'},
            ${values['sessions'] ?? -1}, ${values['appointment'] ?? b.id},
            ${values['reverses'] ?? null}, NULL, ${now.toISOString()})`.execute(core.db)
    await expect(insert({})).rejects.toThrow(/cannot be used beyond its sessions/)
    const [use] = await core.db.selectFrom('package_sessions').select('id').execute()
    // A reversal gives back one use, once; never more sessions than were sold.
    await expect(
      insert({ kind: 'reversal', sessions: 1, appointment: a.id, reverses: use!.id }),
    ).resolves.toBeDefined()
    const other = await aBookableClient(core)
    await expect(insert({ client: other.id, appointment: b.id })).rejects.toThrow(
      /package's client's/,
    )
    await expect(insert({ appointment: a.id })).resolves.toBeDefined()
    await expect(insert({ appointment: b.id })).rejects.toThrow(/beyond its sessions/)
    const reversal = await core.db
      .selectFrom('package_sessions')
      .select('id')
      .where('kind', '=', 'reversal')
      .executeTakeFirstOrThrow()
    await expect(
      insert({ kind: 'reversal', sessions: 1, appointment: a.id, reverses: reversal.id }),
    ).rejects.toThrow(/only a use of this package can be reversed/)
    await expect(sql`UPDATE package_sessions SET sessions = 0`.execute(core.db)).rejects.toThrow(
      /cannot be changed/,
    )
    await expect(sql`DELETE FROM package_sessions`.execute(core.db)).rejects.toThrow(
      /cannot be deleted/,
    )
    await expect(sql`UPDATE client_packages SET sessions = 99`.execute(core.db)).rejects.toThrow(
      /sold package cannot be changed/,
    )
    const left = await callOk(core, 'packages.forClient', { clientId: priya.id })
    expect(left[0]).toMatchObject({ left: 0 })
  })

  it('is not used once its payment is reversed or its invoice credited by hand', async () => {
    const { pkg, visit } = await soldAndArrived()
    const [payment] = await core.db.selectFrom('ledger_entries').select('id').execute()
    await callOk(
      core,
      'payments.reverse',
      { entryId: payment!.id, reason: 'Card payment declined' },
      owner,
    )
    expect(await callOk(core, 'packages.forAppointment', { appointmentId: visit.id })).toEqual([])
    const r = await call(
      core,
      'packages.use',
      { appointmentId: visit.id, packageId: pkg.id },
      reception,
    )
    expect(r.ok || r.error).toMatchObject({
      message: '"5 × Sports massage 60 min" is not paid in full (INV-000001).',
    })
    // Paid again, it is usable; a credit note by hand on its invoice stops it again.
    await callOk(core, 'payments.take', {
      clientId: pkg.clientId,
      invoiceIds: [pkg.invoiceId],
      payments: [{ methodId: m.cash!, amountPence: 25000 }],
    })
    expect(
      await callOk(core, 'packages.forAppointment', { appointmentId: visit.id }),
    ).toMatchObject([{ id: pkg.id }])
    await callOk(
      core,
      'creditNotes.issue',
      { invoiceId: pkg.invoiceId, amountPence: 5000, reason: 'Goodwill' },
      owner,
    )
    const [after] = await callOk(core, 'packages.forClient', { clientId: pkg.clientId })
    expect(after).toMatchObject({ paid: false, left: 5 })
  })

  it('refuses a second standing use of one appointment at SQL level', async () => {
    const { pkg, priya, visit } = await soldAndArrived()
    const use = sql`INSERT INTO package_sessions (package_id, client_id, kind, sessions,
                      appointment_id, at)
                    VALUES (${pkg.id}, ${priya.id}, 'use', -1, ${visit.id}, ${now.toISOString()})`
    await use.execute(core.db)
    await expect(use.execute(core.db)).rejects.toThrow(/already paid from a package/)
  })
})
