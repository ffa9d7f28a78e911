import type { Faker } from '@faker-js/faker'
import type { PlinthCore } from '../app-core'
import type { Session } from '../rpc/context'

/**
 * Money for the demo clinic: most completed appointments paid at checkout (card, cash, now
 * and then split or a little over, the rest to account credit), a few left owing, one
 * billed to a sports club with a membership number, and a credit note. Written through the
 * router, so numbering, the ledger and the audit log are exactly as in use.
 */
export async function seedDemoMoney(core: PlinthCore, owner: Session, faker: Faker): Promise<void> {
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await core.router.call(method, input, owner)
    if (!r.ok) throw new Error(`Seeding ${method} failed: ${JSON.stringify(r.error)}`)
    return r.value as T
  }
  const methods = await call<{ id: number; kind: string }[]>('money.methods', {})
  const id = (kind: string) => methods.find((m) => m.kind === kind)!.id
  const done = await core.db
    .selectFrom('appointments as a')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .select(['a.id', 'a.client_id', 'a.price_pence', 'a.service_id', 's.name'])
    .where('a.status', '=', 'completed')
    // A visit paid from a package (seedDemoPackage) is paid already, and the history's
    // visits (seedDemoHistory) were checked out on the day.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('package_sessions as u')
            .select('u.id')
            .whereRef('u.appointment_id', '=', 'a.id'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('invoice_lines as l').select('l.id').whereRef('l.appointment_id', '=', 'a.id'),
        ),
      ),
    )
    .orderBy('a.starts_at')
    .execute()

  let creditNoteDone = false
  let clubDone = false
  for (const a of done) {
    const roll = faker.number.float()
    if (!clubDone && a.price_pence > 0) {
      clubDone = true
      const draft = await call<{ id: number }>('invoices.saveDraft', {
        clientId: a.client_id,
        billTo: {
          kind: 'third_party',
          name: 'Riverside Harriers Running Club',
          address: 'The Clubhouse, Riverside Park\nBristol BS1 6XN',
          reference: `Member ${faker.number.int({ min: 1000, max: 9999 })}`,
        },
        lines: [
          {
            kind: 'service',
            serviceId: a.service_id,
            appointmentId: a.id,
            description: a.name,
            quantity: 1,
            unitPence: a.price_pence,
          },
        ],
      })
      await call('invoices.issue', { id: draft.id })
      continue
    }
    if (roll < 0.1) {
      // Left owing: issued at checkout time, paid later (or chased).
      const draft = await call<{ id: number }>('invoices.saveDraft', {
        clientId: a.client_id,
        lines: [
          {
            kind: 'service',
            serviceId: a.service_id,
            appointmentId: a.id,
            description: a.name,
            quantity: 1,
            unitPence: a.price_pence,
          },
        ],
      })
      await call('invoices.issue', { id: draft.id })
      continue
    }
    const payments =
      roll < 0.25
        ? [
            { methodId: id('cash'), amountPence: 2000 },
            { methodId: id('card'), amountPence: Math.max(1, a.price_pence - 2000) },
          ]
        : roll < 0.3
          ? [{ methodId: id('cash'), amountPence: Math.ceil((a.price_pence + 1) / 1000) * 1000 }]
          : [
              {
                methodId: id(roll < 0.75 ? 'card' : roll < 0.9 ? 'cash' : 'bank_transfer'),
                amountPence: a.price_pence,
                reference: roll < 0.75 ? `SumUp ${faker.string.numeric(6)}` : '',
              },
            ]
    const paid = await call<{ invoice: { id: number } }>('invoices.checkout', {
      appointmentId: a.id,
      payments,
    })
    if (!creditNoteDone && roll > 0.5) {
      creditNoteDone = true
      await call('creditNotes.issue', {
        invoiceId: paid.invoice.id,
        amountPence: 1000,
        reason: 'Session ended 15 minutes early',
      })
    }
  }
}
