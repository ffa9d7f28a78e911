import type { Kysely } from 'kysely'
import type { ClientPackage, PackageSession } from '../../../shared/contract/packages'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'
import { today } from './voucher-balance'

/**
 * What a refund of a package's unused sessions gives back: the price it was sold at, pro rata
 * by sessions, `price × unused / sessions`, rounded half up to the penny. So £250 for 5 with
 * 3 unused gives back £150.00, and £100 for 3 with 1 unused £33.33. No fee is kept back and
 * nothing is charged for expiry: the owner decides whether to refund at all. Used sessions
 * are never re-priced (a course bought at a discount is not re-charged at the full price).
 */
export function unusedValue(pricePence: number, sessions: number, unused: number): number {
  return Math.floor((2 * pricePence * unused + sessions) / (2 * sessions))
}

function packagesQuery(db: Kysely<DB>) {
  return db
    .selectFrom('client_packages as p')
    .innerJoin('invoices as i', 'i.id', 'p.invoice_id')
    .select([
      'p.id',
      'p.client_id',
      'p.name',
      'p.sessions',
      'p.price_pence',
      'p.invoice_id',
      'i.number',
      'i.gross_pence',
      'p.sold_at',
      'p.expires_on',
    ])
    .select((eb) => [
      eb
        .selectFrom('package_sessions as s')
        .select((q) => q.fn.sum<number>('s.sessions').as('n'))
        .whereRef('s.package_id', '=', 'p.id')
        .as('moved'),
      eb
        .exists(
          eb
            .selectFrom('package_sessions as r')
            .select('r.id')
            .whereRef('r.package_id', '=', 'p.id')
            .where('r.kind', '=', 'refund'),
        )
        .as('refunded'),
      eb
        .selectFrom('credit_notes as c')
        .select((q) => q.fn.sum<number>('c.gross_pence').as('n'))
        .whereRef('c.invoice_id', '=', 'i.id')
        .as('credited'),
      eb
        .selectFrom('ledger_entries as e')
        .select((q) => q.fn.sum<number>('e.amount_pence').as('n'))
        .whereRef('e.invoice_id', '=', 'i.id')
        .as('paid'),
    ])
    .orderBy('p.id', 'desc')
}

type PackageRow = Awaited<ReturnType<ReturnType<typeof packagesQuery>['execute']>>[number]

/** The packages matched, newest first, with sessions left, history and status derived. */
async function describe(db: Kysely<DB>, rows: PackageRow[], now: Date): Promise<ClientPackage[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const day = await today(db, now)
  const services = await db
    .selectFrom('client_package_services')
    .select(['package_id', 'service_id'])
    .where('package_id', 'in', ids)
    .orderBy('service_id')
    .execute()
  const sessions = await db
    .selectFrom('package_sessions as s')
    .leftJoin('appointments as a', 'a.id', 's.appointment_id')
    .select([
      's.id',
      's.package_id',
      's.kind',
      's.sessions',
      's.at',
      's.by_name',
      's.appointment_id',
      'a.starts_at',
      's.reason',
      's.reverses_id',
    ])
    .where('s.package_id', 'in', ids)
    .orderBy('s.id')
    .execute()
  const reversed = new Set(sessions.map((s) => s.reverses_id).filter((x) => x !== null))
  return rows.map((r) => {
    const left = r.sessions + Number(r.moved ?? 0)
    const due = r.gross_pence - Number(r.credited ?? 0) - Number(r.paid ?? 0)
    const history: PackageSession[] = sessions
      .filter((s) => s.package_id === r.id)
      .map((s) => ({
        id: s.id,
        kind: s.kind,
        sessions: s.sessions,
        at: s.at,
        byName: s.by_name,
        appointmentId: s.appointment_id,
        appointmentAt: s.starts_at ?? null,
        reason: s.reason,
        reversed: reversed.has(s.id),
      }))
    return {
      id: r.id,
      clientId: r.client_id,
      name: r.name,
      serviceIds: services.filter((s) => s.package_id === r.id).map((s) => s.service_id),
      sessions: r.sessions,
      left,
      pricePence: r.price_pence,
      unusedValuePence: unusedValue(r.price_pence, r.sessions, left),
      soldAt: r.sold_at,
      expiresOn: r.expires_on,
      expired: day > r.expires_on,
      refunded: Boolean(r.refunded),
      // Credited other than by its own refund (a credit note raised on the sale invoice by
      // hand), the package no longer stands paid for: it is not used until that is put right.
      paid: due <= 0 && (Number(r.credited ?? 0) === 0 || Boolean(r.refunded)),
      invoiceId: r.invoice_id,
      invoiceNumber: r.number ?? '',
      history,
    }
  })
}

/** A client's packages, newest first. */
export async function packagesOf(
  db: Kysely<DB>,
  clientId: number,
  now: Date,
): Promise<ClientPackage[]> {
  const rows = await packagesQuery(db).where('p.client_id', '=', clientId).execute()
  return describe(db, rows, now)
}

/** One package; not_found when there is none. */
export async function getPackage(db: Kysely<DB>, id: number, now: Date): Promise<ClientPackage> {
  const rows = await packagesQuery(db).where('p.id', '=', id).execute()
  const [found] = await describe(db, rows, now)
  if (!found) throw new DomainError('not_found', 'No such package.')
  return found
}

/** The package an appointment was paid from (a use not reversed since), or null. */
export async function packagePaying(
  db: Kysely<DB>,
  appointmentId: number,
): Promise<{ packageId: number; sessionId: number; name: string } | null> {
  const row = await db
    .selectFrom('package_sessions as u')
    .innerJoin('client_packages as p', 'p.id', 'u.package_id')
    .select(['u.id', 'u.package_id', 'p.name'])
    .where('u.appointment_id', '=', appointmentId)
    .where('u.kind', '=', 'use')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('package_sessions as r').select('r.id').whereRef('r.reverses_id', '=', 'u.id'),
        ),
      ),
    )
    .executeTakeFirst()
  return row ? { packageId: row.package_id, sessionId: row.id, name: row.name } : null
}

/** For the appointments given: the name of the package each was paid from, if any. */
export async function packagesPaying(
  db: Kysely<DB>,
  appointmentIds: number[],
): Promise<Map<number, string>> {
  if (appointmentIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('package_sessions as u')
    .innerJoin('client_packages as p', 'p.id', 'u.package_id')
    .select(['u.appointment_id', 'p.name'])
    .where('u.appointment_id', 'in', appointmentIds)
    .where('u.kind', '=', 'use')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('package_sessions as r').select('r.id').whereRef('r.reverses_id', '=', 'u.id'),
        ),
      ),
    )
    .execute()
  return new Map(rows.map((r) => [r.appointment_id!, r.name]))
}
