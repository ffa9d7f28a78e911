import { strFromU8, unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callOk } from '../fixtures/clients'
import { aBookableClient } from '../fixtures/diary'
import { anArrival, methods, owner, reception, registerForVat } from '../fixtures/money'
import {
  aClinicSellingPackages,
  aPackageInUse,
  aPackageType,
  sellPackage,
} from '../fixtures/packages'
import { aSession, call, openTempCore } from '../fixtures/temp-core'
import { aTherapistAccount } from '../fixtures/notes'
import { aStaffMember } from '../fixtures/staff'

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

describe('refunding the unused part of a package', () => {
  it('credits 3 of 5 unused sessions pro rata (£150) and gives the money back to a method', async () => {
    await registerForVat(core)
    const { pkg, priya } = await aPackageInUse(core, 2)
    expect(
      (await callOk(core, 'packages.forClient', { clientId: priya.id }))[0]!.unusedValuePence,
    ).toBe(15000)
    const done = await callOk(
      core,
      'packages.refund',
      { packageId: pkg.id, methodId: m.card!, reason: 'Moving away' },
      owner,
    )
    expect(done).toMatchObject({ refundedPence: 15000, creditNoteNumber: 'CN-000001' })
    expect(done.package).toMatchObject({ left: 0, refunded: true, unusedValuePence: 0 })
    const invoice = await callOk(core, 'invoices.get', { id: pkg.invoiceId }, owner)
    // The credit note takes back its share of the VAT charged at sale: 4167 × 150/250.
    expect(invoice.creditNotes).toMatchObject([{ grossPence: 15000, vatPence: 2500 }])
    expect(invoice).toMatchObject({ creditedPence: 15000, paidPence: 10000, duePence: 0 })
    expect(invoice.payments.map((p) => [p.kind, p.methodName, p.amountPence])).toEqual([
      ['payment', 'Card', 25000],
      ['refund', 'Card', -15000],
    ])
    const audit = await core.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'packages.refund')
      .executeTakeFirstOrThrow()
    expect(audit.summary).toBe(
      `Refunded 3 unused sessions of package #${pkg.id}: £150.00 by CN-000001`,
    )
  })

  it('can give it back as account credit, rounds a third half up, and then closes the package', async () => {
    const { priya, massage, sam } = await aClinicSellingPackages(core)
    const three = await aPackageType(core, [massage.id], {
      name: '3 × Sports massage',
      sessions: 3,
      pricePence: 10000,
    })
    const { package: pkg } = await sellPackage(core, priya.id, three, 'cash')
    const visits = []
    for (const time of ['2026-06-17 11:00', '2026-06-17 13:00']) {
      const v = await anArrival(core, priya.id, massage.id, sam.id, time)
      const used = await callOk(core, 'packages.use', { appointmentId: v.id, packageId: pkg.id })
      visits.push(used.history.at(-1)!.id)
    }
    const done = await callOk(
      core,
      'packages.refund',
      { packageId: pkg.id, methodId: m.account_credit!, reason: 'Injured, cannot continue' },
      owner,
    )
    // £100 × 1/3 = £33.333... -> £33.33
    expect(done.refundedPence).toBe(3333)
    expect((await callOk(core, 'money.account', { clientId: priya.id })).creditPence).toBe(3333)

    const later = await anArrival(core, priya.id, massage.id, sam.id, '2026-06-17 15:00')
    const use = await call(
      core,
      'packages.use',
      { appointmentId: later.id, packageId: pkg.id },
      reception,
    )
    expect(use.ok || use.error).toMatchObject({ message: '"3 × Sports massage" was refunded.' })
    const undo = await call(
      core,
      'packages.reverseUse',
      { sessionId: visits[0]!, reason: 'Mistake' },
      reception,
    )
    expect(undo.ok || undo.error).toMatchObject({ code: 'rule_broken' })
    const again = await call(
      core,
      'packages.refund',
      { packageId: pkg.id, methodId: m.cash!, reason: 'Twice' },
      owner,
    )
    expect(again.ok || again.error).toMatchObject({ code: 'conflict' })
  })

  it('refuses a package with nothing left, and changes nothing', async () => {
    const { priya, massage, sam } = await aClinicSellingPackages(core)
    const one = await aPackageType(core, [massage.id], { sessions: 1, pricePence: 5000 })
    const { package: pkg } = await sellPackage(core, priya.id, one)
    const v = await anArrival(core, priya.id, massage.id, sam.id, '2026-06-17 11:00')
    await callOk(core, 'packages.use', { appointmentId: v.id, packageId: pkg.id })
    const r = await call(
      core,
      'packages.refund',
      { packageId: pkg.id, methodId: m.cash!, reason: 'Nothing left' },
      owner,
    )
    expect(r.ok || r.error).toMatchObject({ code: 'rule_broken' })
    expect(await core.db.selectFrom('credit_notes').selectAll().execute()).toEqual([])
  })
})

describe('who may do what with packages', () => {
  it('lets reception sell and use but not define or refund; therapists see only whether their own visit is paid', async () => {
    const { pkg, visits, massage, sam } = await aPackageInUse(core, 1)
    const refused = async (method: string, input: object, role: 'reception' | 'therapist') => {
      const r = await core.router.call(method, input, aSession(role))
      expect(r.ok || r.error.code, `${role} ${method}`).toBe('forbidden')
    }
    await refused(
      'packages.saveType',
      { name: 'x', serviceIds: [massage.id], sessions: 1, pricePence: 100, validMonths: 1 },
      'reception',
    )
    await refused(
      'packages.refund',
      { packageId: pkg.id, methodId: m.cash!, reason: 'No' },
      'reception',
    )
    for (const [method, input] of [
      ['packages.types', {}],
      ['packages.forClient', { clientId: pkg.clientId }],
      ['packages.forAppointment', { appointmentId: visits[0]!.id }],
      ['packages.use', { appointmentId: visits[0]!.id, packageId: pkg.id }],
      ['packages.reverseUse', { sessionId: 1, reason: 'Mistake' }],
      ['vouchers.pdf', { id: 1 }],
    ] as const) {
      await refused(method, input, 'therapist')
    }
    // Sam, the therapist who treated, sees that the visit is paid (from a package); another
    // therapist sees nothing of it.
    const samUser = await aStaffMember(core.db, 'therapist', { username: 'sam' })
    await core.db
      .updateTable('therapists')
      .set({ user_id: samUser.userId })
      .where('id', '=', sam.id)
      .execute()
    const seen = await callOk(
      core,
      'money.forAppointments',
      { appointmentIds: [visits[0]!.id] },
      samUser,
    )
    expect(seen).toMatchObject([{ appointmentId: visits[0]!.id, state: 'paid' }])
    const alex = await aTherapistAccount(core, 'Alex')
    expect(
      await callOk(
        core,
        'money.forAppointments',
        { appointmentIds: [visits[0]!.id] },
        alex.session,
      ),
    ).toEqual([])
  })
})

describe('packages in merges, exports and anonymising', () => {
  it('moves packages and their sessions when two records are merged, and still uses them', async () => {
    const { pkg, priya, massage, sam } = await aPackageInUse(core, 1)
    const kept = await aBookableClient(core, reception, ['Priya', 'Shah-Jones'])
    const { mergeId } = await callOk(
      core,
      'clients.merge',
      { keepId: kept.id, mergeId: priya.id },
      owner,
    )
    expect(await callOk(core, 'packages.forClient', { clientId: priya.id })).toEqual([])
    const moved = await callOk(core, 'packages.forClient', { clientId: kept.id })
    expect(moved).toMatchObject([{ id: pkg.id, clientId: kept.id, left: 4 }])
    const sessions = await core.db.selectFrom('package_sessions').select('client_id').execute()
    expect(sessions).toEqual([{ client_id: kept.id }])
    const v = await anArrival(core, kept.id, massage.id, sam.id, '2026-06-17 11:00')
    expect(
      await callOk(core, 'packages.use', { appointmentId: v.id, packageId: pkg.id }),
    ).toMatchObject({ left: 3 })
    // A session used since from the moved package keeps the merge from being undone.
    const undo = await call(core, 'clients.undoMerge', { mergeId }, owner)
    expect(undo.ok || undo.error.message).toMatch(
      new RegExp(`no longer be undone.*a session used from a package \\(#${pkg.id}\\)`),
    )
  })

  it('is in the clinic export and the subject access request, and anonymising keeps amounts and dates', async () => {
    const { pkg, priya } = await aPackageInUse(core, 1)
    const out = await callOk(core, 'exports.clinic', {}, owner)
    const files = Object.keys(unzipSync(Buffer.from(out.base64, 'base64')))
    for (const table of [
      'package_types',
      'package_type_services',
      'client_packages',
      'client_package_services',
      'package_sessions',
    ]) {
      expect(files, table).toContain(`${table}.csv`)
    }
    expect(out.counts['client_packages']).toBe(1)
    expect(out.counts['package_sessions']).toBe(1)

    const sar = await callOk(core, 'gdpr.subjectAccess', { clientId: priya.id }, owner)
    const zip = unzipSync(Buffer.from(sar.base64, 'base64'))
    const json = Object.keys(zip).find((f) => f.endsWith('.json'))!
    const doc = JSON.parse(strFromU8(zip[json]!)) as {
      related: Record<string, Record<string, unknown>[]>
    }
    expect(doc.related['client_packages']).toMatchObject([
      { id: pkg.id, sessions: 5, price_pence: 25000, expires_on: '2026-12-17' },
    ])
    expect(doc.related['package_sessions']).toMatchObject([{ kind: 'use', sessions: -1 }])

    await callOk(core, 'retention.anonymise', { clientId: priya.id }, owner)
    const after = await callOk(core, 'packages.forClient', { clientId: priya.id })
    expect(after).toMatchObject([
      { id: pkg.id, sessions: 5, left: 4, pricePence: 25000, soldAt: pkg.soldAt },
    ])
    const invoice = await callOk(core, 'invoices.get', { id: pkg.invoiceId }, owner)
    expect(invoice).toMatchObject({ clientName: '', grossPence: 25000 })
  })
})
