import type { Faker } from '@faker-js/faker'
import type { PlinthCore } from '../app-core'
import type { Session } from '../rpc/context'

type Call = <T>(method: string, input: unknown) => Promise<T>

function caller(core: PlinthCore, owner: Session): Call {
  return async <T>(method: string, input: unknown): Promise<T> => {
    const r = await core.router.call(method, input, owner)
    if (!r.ok) throw new Error(`Seeding ${method} failed: ${JSON.stringify(r.error)}`)
    return r.value as T
  }
}

async function methodIds(call: Call): Promise<(kind: string) => number> {
  const methods = await call<{ id: number; kind: string }[]>('money.methods', {})
  return (kind) => methods.find((m) => m.kind === kind)!.id
}

/**
 * A package for the demo clinic, before its other money: the owner's "5 × Sports massage
 * 60 min" at a tenth off five single sessions, valid 6 months, sold to the client of the
 * latest completed 60-minute massage not yet billed, and used for that visit (one of five used). Runs
 * before seedDemoMoney, which leaves that visit alone (it is paid).
 */
export async function seedDemoPackage(core: PlinthCore, owner: Session): Promise<void> {
  const call = caller(core, owner)
  const id = await methodIds(call)
  const service = await core.db
    .selectFrom('services')
    .select(['id', 'name', 'price_pence'])
    .where('duration_minutes', '=', 60)
    .where('active', '=', 1)
    .orderBy('id')
    .executeTakeFirst()
  if (!service) return
  const type = await call<{ id: number; pricePence: number }>('packages.saveType', {
    name: `5 × ${service.name}`,
    serviceIds: [service.id],
    sessions: 5,
    pricePence: Math.round((service.price_pence * 5 * 0.9) / 500) * 500,
    validMonths: 6,
  })
  const visit = await core.db
    .selectFrom('appointments')
    .select(['id', 'client_id'])
    .where('service_id', '=', service.id)
    .where('status', '=', 'completed')
    // Not already billed: the history's visits carry invoices, and a used package is the bill.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('invoice_lines')
            .select('id')
            .whereRef('invoice_lines.appointment_id', '=', 'appointments.id'),
        ),
      ),
    )
    .orderBy('starts_at', 'desc')
    .executeTakeFirst()
  if (!visit) return
  const sold = await call<{ package: { id: number } }>('packages.sell', {
    clientId: visit.client_id,
    packageTypeId: type.id,
    payments: [{ methodId: id('card'), amountPence: type.pricePence, reference: 'SumUp 104233' }],
  })
  await call('packages.use', { appointmentId: visit.id, packageId: sold.package.id })
}

/**
 * A gift voucher for the demo clinic, after its other money: £60 bought by one client for
 * another, half of it spent on one of the other's invoices left owing (the rest by card),
 * so "Gift vouchers" shows £30.00 unredeemed.
 */
export async function seedDemoVoucher(
  core: PlinthCore,
  owner: Session,
  faker: Faker,
): Promise<void> {
  const call = caller(core, owner)
  const id = await methodIds(call)
  const owing = await core.db
    .selectFrom('invoices as i')
    .innerJoin('clients as c', 'c.id', 'i.client_id')
    .select(['i.id', 'i.client_id', 'i.gross_pence', 'c.first_name', 'c.last_name'])
    .where('i.status', '=', 'issued')
    .where('i.gross_pence', '>', 3000)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('ledger_entries as e').select('e.id').whereRef('e.invoice_id', '=', 'i.id'),
        ),
      ),
    )
    .where('i.bill_to', '=', 'client')
    .orderBy('i.id', 'desc')
    .executeTakeFirst()
  if (!owing) return
  const buyer = await core.db
    .selectFrom('clients')
    .select('id')
    .where('id', '!=', owing.client_id)
    .where('archived_at', 'is', null)
    .orderBy('id')
    .limit(1)
    .offset(faker.number.int({ min: 0, max: 20 }))
    .executeTakeFirst()
  if (!buyer) return
  const sold = await call<{ voucher: { code: string } }>('vouchers.sell', {
    clientId: buyer.id,
    valuePence: 6000,
    recipientName: `${owing.first_name} ${owing.last_name}`,
    payments: [{ methodId: id('cash'), amountPence: 6000 }],
  })
  await call('payments.take', {
    clientId: owing.client_id,
    invoiceIds: [owing.id],
    payments: [
      { methodId: id('gift_voucher'), amountPence: 3000, voucherCode: sold.voucher.code },
      { methodId: id('card'), amountPence: owing.gross_pence - 3000 },
    ],
  })
}
