import { TZDate } from '@date-fns/tz'
import { addMonths } from 'date-fns/addMonths'
import { format } from 'date-fns/format'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'
import { getClinicSettings } from '../settings'
import type { MoneyActor } from './money-settings'
import { paidSale } from './paid-sale'
import type { PaymentResult, Tender } from './payments'

/**
 * The last day a package sold at `soldAt` can be used: the same day of the month `months`
 * later in the clinic's time zone (sold 17 June 2026, valid 6 months: usable to 17 Dec 2026
 * inclusive). A day the later month lacks becomes its last day (31 Aug + 6 months is 28 Feb,
 * or 29 in a leap year), as date-fns addMonths does.
 */
export function packageExpiry(soldAt: Date, months: number, timeZone: string): string {
  return format(addMonths(new TZDate(soldAt.getTime(), timeZone), months), 'yyyy-MM-dd')
}

/**
 * Sells a package in one command: an invoice with one 'package' line at the type's price,
 * issued and paid in full, and the client's package with the type's sessions, services and
 * expiry copied onto it. A part-paid sale is refused and leaves nothing behind (one
 * transaction, so no invoice number is used either).
 *
 * VAT: a package is a prepayment for services of a known kind and rate (not a multi-purpose
 * voucher), so VAT is due when it is paid, which is when it is sold here: the tax point is
 * the payment (HMRC VAT Notice 700, tax points: a payment received before the supply is
 * made creates a tax point when it is received). The line carries the VAT rate of the
 * package's first (main) service, worked out like any other line (vat.ts).
 * Sessions used later are paid from the package with no invoice and no VAT of their own; a
 * refund of the unused part is a credit note, which gives back its share of that VAT.
 */
export async function sellPackage(
  db: Kysely<DB>,
  input: { clientId: number; packageTypeId: number; payments: Tender[] },
  actor: MoneyActor,
  now: Date,
): Promise<PaymentResult & { packageId: number; invoiceId: number; number: string }> {
  const type = await db
    .selectFrom('package_types')
    .selectAll()
    .where('id', '=', input.packageTypeId)
    .executeTakeFirst()
  if (!type) throw new DomainError('not_found', 'No such package.')
  if (!type.active) {
    throw new DomainError('rule_broken', `"${type.name}" is no longer sold.`, [
      { path: 'packageTypeId', message: 'Choose another package' },
    ])
  }
  const services = await db
    .selectFrom('package_type_services')
    .select('service_id')
    .where('package_type_id', '=', type.id)
    .orderBy('position')
    .execute()
  const main = services[0]
  if (!main) throw new DomainError('rule_broken', `"${type.name}" has no services to use it for.`)

  const sale = await paidSale(
    db,
    {
      clientId: input.clientId,
      line: {
        kind: 'package',
        serviceId: main.service_id,
        description: `Package: ${type.name}`,
        pricePence: type.price_pence,
      },
      payments: input.payments,
      refusal: {
        message: 'A package is sold paid in full.',
        field: 'Less than the price of the package',
      },
    },
    actor,
    now,
  )
  const { timeZone } = await getClinicSettings(db)
  const row = await db
    .insertInto('client_packages')
    .values({
      client_id: input.clientId,
      package_type_id: type.id,
      name: type.name,
      sessions: type.sessions,
      price_pence: type.price_pence,
      invoice_id: sale.invoiceId,
      sold_at: now.toISOString(),
      expires_on: packageExpiry(now, type.valid_months, timeZone),
      sold_by: actor.userId,
      sold_by_name: actor.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('client_package_services')
    .values(services.map((s) => ({ package_id: row.id, service_id: s.service_id })))
    .execute()
  return { ...sale, packageId: row.id }
}
