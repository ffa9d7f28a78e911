import type { Kysely } from 'kysely'
import type { PaymentMethod } from '../../../shared/contract/money-values'
import type { Practitioner, Product } from '../../../shared/contract/money'
import type { VatRateName } from '../../../shared/contract/money-values'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'

export async function listMethods(
  db: Kysely<DB>,
  includeInactive: boolean,
): Promise<PaymentMethod[]> {
  let q = db.selectFrom('payment_methods').selectAll().orderBy('sort_order').orderBy('id')
  if (!includeInactive) q = q.where('active', '=', 1)
  return (await q.execute()).map((m) => ({
    id: m.id,
    name: m.name,
    kind: m.kind,
    active: m.active === 1,
  }))
}

/**
 * Renames, switches off or adds a payment method. The built-in kinds that Plinth moves money
 * through itself (account credit, gift voucher, package) keep their kind; a new method is a
 * card, cash, bank or "other" one (Dojo, PayPal, a cheque). Names are unique.
 */
export async function saveMethod(
  db: Kysely<DB>,
  input: {
    id?: number | undefined
    name: string
    kind: 'card' | 'cash' | 'bank_transfer' | 'other'
    active: boolean
  },
): Promise<void> {
  const clash = await db
    .selectFrom('payment_methods')
    .select('id')
    .where('name', '=', input.name)
    .executeTakeFirst()
  if (clash && clash.id !== input.id) {
    throw new DomainError('conflict', 'There is already a method with that name.', [
      { path: 'name', message: 'Already used' },
    ])
  }
  if (input.id === undefined) {
    const top = await db
      .selectFrom('payment_methods')
      .select((eb) => eb.fn.max('sort_order').as('top'))
      .executeTakeFirstOrThrow()
    await db
      .insertInto('payment_methods')
      .values({
        name: input.name,
        kind: input.kind,
        active: input.active ? 1 : 0,
        sort_order: (top.top ?? 0) + 1,
      })
      .execute()
    return
  }
  const row = await db
    .selectFrom('payment_methods')
    .select('kind')
    .where('id', '=', input.id)
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'No such payment method.')
  if (row.kind === 'account_credit' && !input.active) {
    throw new DomainError(
      'rule_broken',
      'Account credit cannot be switched off; clients may hold credit.',
    )
  }
  await db
    .updateTable('payment_methods')
    .set({ name: input.name, active: input.active ? 1 : 0 })
    .where('id', '=', input.id)
    .execute()
}

export async function serviceVatRates(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('services')
    .select(['id', 'name', 'vat_rate'])
    .orderBy('name')
    .execute()
  return rows.map((r) => ({ serviceId: r.id, name: r.name, vatRate: r.vat_rate }))
}

export async function setServiceVatRate(db: Kysely<DB>, serviceId: number, vatRate: VatRateName) {
  const r = await db
    .updateTable('services')
    .set({ vat_rate: vatRate })
    .where('id', '=', serviceId)
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) === 0) throw new DomainError('not_found', 'No such service.')
  return { serviceId, vatRate }
}

const toProduct = (p: {
  id: number
  name: string
  price_pence: number
  vat_rate: VatRateName
  active: number
}): Product => ({
  id: p.id,
  name: p.name,
  pricePence: p.price_pence,
  vatRate: p.vat_rate,
  active: p.active === 1,
})

export async function listProducts(db: Kysely<DB>, includeInactive: boolean): Promise<Product[]> {
  let q = db.selectFrom('products').selectAll().orderBy('name')
  if (!includeInactive) q = q.where('active', '=', 1)
  return (await q.execute()).map(toProduct)
}

/** A product sold at the desk (a foam roller, massage wax), with its VAT rate. */
export async function saveProduct(
  db: Kysely<DB>,
  input: {
    id?: number | undefined
    name: string
    pricePence: number
    vatRate: VatRateName
    active: boolean
  },
  now: Date,
): Promise<Product> {
  const values = {
    name: input.name,
    price_pence: input.pricePence,
    vat_rate: input.vatRate,
    active: input.active ? 1 : 0,
    updated_at: now.toISOString(),
  }
  const row =
    input.id === undefined
      ? await db
          .insertInto('products')
          .values({ ...values, created_at: now.toISOString() })
          .returningAll()
          .executeTakeFirstOrThrow()
      : await db
          .updateTable('products')
          .set(values)
          .where('id', '=', input.id)
          .returningAll()
          .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'No such product.')
  return toProduct(row)
}

/** Each therapist's professional body, membership number and qualification, for receipts. */
export async function listPractitioners(db: Kysely<DB>): Promise<Practitioner[]> {
  const rows = await db
    .selectFrom('therapists')
    .select(['id', 'name', 'professional_body', 'membership_number', 'qualification'])
    .orderBy('sort_order')
    .orderBy('name')
    .execute()
  return rows.map((r) => ({
    therapistId: r.id,
    name: r.name,
    professionalBody: r.professional_body,
    membershipNumber: r.membership_number,
    qualification: r.qualification,
  }))
}

export async function savePractitioner(
  db: Kysely<DB>,
  input: Omit<Practitioner, 'name'>,
): Promise<Practitioner> {
  const r = await db
    .updateTable('therapists')
    .set({
      professional_body: input.professionalBody,
      membership_number: input.membershipNumber,
      qualification: input.qualification,
    })
    .where('id', '=', input.therapistId)
    .returning(['id', 'name', 'professional_body', 'membership_number', 'qualification'])
    .executeTakeFirst()
  if (!r) throw new DomainError('not_found', 'No such therapist.')
  return {
    therapistId: r.id,
    name: r.name,
    professionalBody: r.professional_body,
    membershipNumber: r.membership_number,
    qualification: r.qualification,
  }
}
