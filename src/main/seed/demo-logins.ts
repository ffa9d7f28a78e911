import type { PlinthCore } from '../app-core'
import { StaffConnection } from '../rpc/staff-connection'

/**
 * The demo clinic's sign-ins (README, "Demo clinic"): made by `npm run seed` only, so a demo
 * can show what a therapist sees. Demo passwords, printed in the README: never a real clinic's.
 */
export const DEMO_LOGINS = {
  owner: { username: 'morgan', displayName: 'Morgan Hughes', password: 'plinth-demo-owner' },
  /** Sam Patel, one of the demo diary's therapists, signed in as themselves. */
  therapist: { username: 'sam', displayName: 'Sam Patel', password: 'plinth-demo-therapist' },
} as const

/**
 * The owner account (as the first-run set-up makes it) and a therapist account for Sam Patel,
 * with the owner's "therapists see their own figures" setting turned on, so a therapist's own
 * Reports screen can be shown. Written through the router on one desk connection, as staff
 * would: the therapist's temporary password is changed at their first sign-in, as the app
 * asks. Needs a clinic with no accounts yet and the demo diary's therapists.
 */
export async function seedDemoLogins(core: PlinthCore): Promise<void> {
  const desk = new StaffConnection({
    router: core.router,
    now: core.now,
    idleLockMinutes: async () => 60,
  })
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await desk.call(method, input)
    if (!r.ok) throw new Error(`Seeding ${method} failed: ${JSON.stringify(r.error)}`)
    return r.value as T
  }
  const { owner, therapist } = DEMO_LOGINS
  const { clinicName } = await core.db
    .selectFrom('clinic_settings')
    .select('clinic_name as clinicName')
    .executeTakeFirstOrThrow()
  await call('auth.setupOwner', {
    clinicName,
    displayName: owner.displayName,
    username: owner.username,
    password: owner.password,
    confirmPassword: owner.password,
  })
  const therapists = await call<{ id: number; name: string }[]>('therapists.list', {})
  const sam = therapists.find((t) => t.name === therapist.displayName)
  if (!sam) throw new Error(`Seeding the demo logins needs the therapist ${therapist.displayName}`)
  const temporary = 'plinth-demo-first-sign-in'
  await call('users.create', {
    displayName: therapist.displayName,
    username: therapist.username,
    role: 'therapist',
    therapistId: sam.id,
    temporaryPassword: temporary,
  })
  const { settings } = await call<{ settings: Record<string, unknown> }>('reports.settings', {})
  await call('reports.updateSettings', { ...settings, therapistsSeeOwn: true })
  await call('auth.signOut', {})
  await call('auth.signIn', { username: therapist.username, password: temporary })
  await call('auth.changePassword', {
    currentPassword: temporary,
    newPassword: therapist.password,
    confirmPassword: therapist.password,
  })
  await call('auth.signOut', {})
}
