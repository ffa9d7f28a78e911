import { faker } from '@faker-js/faker/locale/en_GB'
import type { PlinthCore } from '../app-core'
import type { Session } from '../rpc/context'
import { seedDemoDiary } from './demo-diary'

export interface SeedOptions {
  /** Same seed, same clinic: demos and benches are repeatable. */
  seed?: number
  /** Therapists, services and a busy fortnight (default true). */
  diary?: boolean
}

const SEED_OWNER: Session = { userId: 0, username: 'seed', displayName: 'Demo data', role: 'owner' }

/**
 * A realistic en-GB sample clinic, written through the router so every rule and audit
 * entry applies. Later features add their own part here (clients, diary, notes).
 */
export async function seedDemoClinic(core: PlinthCore, options: SeedOptions = {}): Promise<void> {
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
}
