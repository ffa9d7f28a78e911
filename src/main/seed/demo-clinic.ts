import { faker } from '@faker-js/faker/locale/en_GB'
import type { PlinthCore } from '../app-core'
import type { Session } from '../rpc/context'
import { seedDemoDiary } from './demo-diary'
import { seedDemoHistory } from './demo-history'
import { seedDemoMoney } from './demo-money'
import { seedDemoPackage, seedDemoVoucher } from './demo-packages'
import { seedDemoMessages } from './demo-messages'
import { seedDemoRunners } from './demo-runners'
import { seedDemoLogins } from './demo-logins'
import type { ClientRecord } from '../../shared/contract/clients'
import { aGeneratedClient } from './client-generator'
import { ClinicNotEmptyError, existingClinicData } from './existing-data'

export interface SeedOptions {
  /** Same seed, same clinic: demos and benches are repeatable. */
  seed?: number
  /** Therapists, services and a busy fortnight (default true). */
  diary?: boolean
  /** How many clients to add through the router (default 150). */
  clients?: number
  /**
   * Sixteen weeks of past visits, payments and cash-ups for the reports (`npm run seed` and
   * the reports' end-to-end test ask for it; off by default: it takes ~45 s through the router).
   */
  history?: boolean
  /**
   * The demo sign-ins (an owner, and Sam Patel as a therapist with their figures shared):
   * `npm run seed` asks for them; tests make their own staff (off by default).
   */
  logins?: boolean
}

const SEED_OWNER: Session = { userId: 0, username: 'seed', displayName: 'Demo data', role: 'owner' }

/**
 * A realistic en-GB sample clinic, written through the router so every rule and audit
 * entry applies. Later features add their own part here (clients, diary, notes).
 * @throws ClinicNotEmptyError, before writing anything, when the file already has clinic
 *   records (clients, therapists, services, rooms...).
 */
export async function seedDemoClinic(core: PlinthCore, options: SeedOptions = {}): Promise<void> {
  // Refused before the first write: a second seed would rename the clinic, then fail.
  const holds = await existingClinicData(core.db)
  if (holds) throw new ClinicNotEmptyError(core.file, holds)
  faker.seed(options.seed ?? 20261125)
  const town = faker.location.city()
  const result = await core.router.call(
    'settings.update',
    {
      clinicName: `${town} Sports Massage`,
      address: `${faker.location.streetAddress()}\n${town}\n${faker.location.zipCode()}`,
      phone: '020 7946 0' + String(faker.number.int({ min: 100, max: 999 })),
      timeZone: 'Europe/London',
      currency: 'GBP',
      locale: 'en-GB',
    },
    SEED_OWNER,
  )
  if (!result.ok) throw new Error(`Seeding settings failed: ${result.error.message}`)
  if (options.diary !== false) await seedDemoDiary(core, SEED_OWNER, faker)
  await seedClients(core, options.clients ?? 150)
  if (options.diary !== false) {
    if (options.history === true) await seedDemoHistory(core, SEED_OWNER, faker)
    await seedDemoPackage(core, SEED_OWNER)
    await seedDemoMoney(core, SEED_OWNER, faker)
    await seedDemoVoucher(core, SEED_OWNER, faker)
    await seedDemoMessages(core, SEED_OWNER, faker)
    await seedDemoRunners(core, SEED_OWNER)
    if (options.logins === true) await seedDemoLogins(core)
  }
}

async function call<T>(core: PlinthCore, method: string, input: unknown): Promise<T> {
  const r = await core.router.call(method, input, SEED_OWNER)
  if (!r.ok) throw new Error(`Seeding ${method} failed: ${JSON.stringify(r.error)}`)
  return r.value as T
}

/** Clients with the mix a sports-massage list has: runners, a few alerts, a few archived. */
async function seedClients(core: PlinthCore, count: number): Promise<void> {
  const today = new Date()
  for (let i = 0; i < count; i++) {
    const client = await call<ClientRecord>(core, 'clients.create', aGeneratedClient(faker, today))
    if (faker.datatype.boolean(0.12)) {
      await call(core, 'clients.saveQuestionnaire', {
        clientId: client.id,
        conditions: faker.helpers
          .arrayElements(
            [
              { code: 'pregnancy', detail: `${faker.number.int({ min: 14, max: 32 })} weeks` },
              { code: 'diabetes', detail: 'Type 1' },
              { code: 'anticoagulants', detail: 'Warfarin' },
              { code: 'varicose-veins', detail: 'Both calves' },
              { code: 'recent-surgery', detail: 'ACL repair, 6 weeks ago' },
              { code: 'high-bp', detail: '' },
              { code: 'epilepsy', detail: '' },
            ],
            { min: 1, max: 2 },
          )
          .filter((c, _i, all) => c.code !== 'pregnancy' || all.length === 1),
        medications: faker.helpers.arrayElement(['', 'Metformin', 'Warfarin 5 mg', 'Inhaler']),
        allergies: faker.datatype.boolean(0.3) ? ['nut-oils'] : [],
      })
    } else if (faker.datatype.boolean(0.04)) {
      await call(core, 'clients.addAlert', {
        clientId: client.id,
        ...faker.helpers.arrayElement([
          {
            text: 'Suspected DVT – do not treat legs until GP clears',
            severity: 'contraindication',
            acknowledgeOnOpen: true,
          },
          { text: 'Bruises easily – light pressure', severity: 'caution' },
          { text: 'Prefers a female therapist', severity: 'info' },
        ]),
      })
    }
    if (faker.datatype.boolean(0.05)) await call(core, 'clients.archive', { id: client.id })
  }
}
