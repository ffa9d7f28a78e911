import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'

/**
 * The records that make a file a clinic already: the demo would rename that clinic (its
 * settings go first) and then stop half-way on a name taken ("There is already one called
 * Room 1"), as a user trial found running `npm run seed` twice on one file. Staff accounts,
 * payment methods and the starter templates do not count: a new file has those.
 */
const CLINIC_TABLES = [
  ['clients', 'client', 'clients'],
  ['therapists', 'therapist', 'therapists'],
  ['services', 'service', 'services'],
  ['rooms', 'room', 'rooms'],
  ['appointments', 'appointment', 'appointments'],
  ['invoices', 'invoice', 'invoices'],
  ['products', 'product', 'products'],
  ['package_types', 'package type', 'package types'],
] as const

/** What the file already holds ("150 clients, 4 therapists"), or null when it holds none. */
export async function existingClinicData(db: Kysely<DB>): Promise<string | null> {
  const found: string[] = []
  for (const [table, one, many] of CLINIC_TABLES) {
    const { n } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    if (n > 0) found.push(`${n} ${n === 1 ? one : many}`)
  }
  return found.length ? found.join(', ') : null
}

/** Thrown by seedDemoClinic before it writes anything into a file that has a clinic. */
export class ClinicNotEmptyError extends Error {
  override name = 'ClinicNotEmptyError'
  constructor(file: string, holds: string) {
    super(
      `${file} already holds a clinic (${holds}); seed a new file instead: npm run seed -- --db /path/to/new-clinic.sqlite (or delete this file first).`,
    )
  }
}
