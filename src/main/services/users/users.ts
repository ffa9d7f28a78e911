import type { Kysely, Selectable } from 'kysely'
import type { UserAccount } from '../../../shared/contract/users'
import type { Role } from '../../../shared/roles'
import type { DB, UsersTable } from '../../db/schema'
import { DomainError } from '../domain-error'
import { hashSecret, passwordProblem } from '../auth/passwords'

export type UserRow = Selectable<UsersTable>

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase()
}

export function toUserAccount(row: UserRow, now: Date): UserAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    therapistId: row.therapist_id,
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    hasPin: row.pin_hash !== null,
    lockedUntil: row.locked_until && row.locked_until > now.toISOString() ? row.locked_until : null,
    lastSignInAt: row.last_sign_in_at,
  }
}

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findUserById(db: Kysely<DB>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findUserByUsername(
  db: Kysely<DB>,
  username: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('username_normalised', '=', normaliseUsername(username))
    .executeTakeFirst()
}

export async function listUsers(db: Kysely<DB>): Promise<UserRow[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .orderBy('active', 'desc')
    .orderBy('display_name')
    .execute()
}

export async function requireUser(db: Kysely<DB>, id: number): Promise<UserRow> {
  const row = await findUserById(db, id)
  if (!row) throw new DomainError('not_found', 'That staff account does not exist.')
  return row
}

/** Refuses a password that breaks the policy, as an error on the named form field. */
export function assertGoodPassword(password: string, username: string, field: string): void {
  const problem = passwordProblem(password, { username })
  if (problem) throw new DomainError('rule_broken', problem, [{ path: field, message: problem }])
}

export interface NewUser {
  displayName: string
  username: string
  role: Role
  therapistId: number | null
  password: string
  mustChangePassword: boolean
}

export async function createUser(db: Kysely<DB>, input: NewUser, now: Date): Promise<UserRow> {
  if (await findUserByUsername(db, input.username)) {
    throw new DomainError('conflict', 'That username is taken.', [
      { path: 'username', message: 'That username is taken; choose another' },
    ])
  }
  const stamp = now.toISOString()
  return db
    .insertInto('users')
    .values({
      username: input.username.trim(),
      username_normalised: normaliseUsername(input.username),
      display_name: input.displayName,
      role: input.role,
      therapist_id: input.role === 'therapist' ? input.therapistId : null,
      active: 1,
      password_hash: await hashSecret(input.password),
      must_change_password: input.mustChangePassword ? 1 : 0,
      created_at: stamp,
      updated_at: stamp,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface UserChange {
  id: number
  displayName: string
  role: Role
  therapistId: number | null
  active: boolean
}

/** The clinic must always keep one active owner, or nobody could manage accounts again. */
async function assertAnotherActiveOwner(db: Kysely<DB>, exceptId: number): Promise<void> {
  const other = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'owner')
    .where('active', '=', 1)
    .where('id', '!=', exceptId)
    .executeTakeFirst()
  if (!other) {
    throw new DomainError(
      'rule_broken',
      'This is the only active owner account. Make someone else an owner first.',
    )
  }
}

export async function updateUser(db: Kysely<DB>, change: UserChange, now: Date): Promise<UserRow> {
  const before = await requireUser(db, change.id)
  if (
    before.role === 'owner' &&
    before.active === 1 &&
    (change.role !== 'owner' || !change.active)
  ) {
    await assertAnotherActiveOwner(db, change.id)
  }
  return db
    .updateTable('users')
    .set({
      display_name: change.displayName,
      role: change.role,
      therapist_id: change.role === 'therapist' ? change.therapistId : null,
      active: change.active ? 1 : 0,
      updated_at: now.toISOString(),
    })
    .where('id', '=', change.id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function setPassword(
  db: Kysely<DB>,
  id: number,
  password: string,
  options: { mustChange: boolean },
  now: Date,
): Promise<UserRow> {
  return db
    .updateTable('users')
    .set({
      password_hash: await hashSecret(password),
      must_change_password: options.mustChange ? 1 : 0,
      failed_attempts: 0,
      locked_until: null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function setPinHash(
  db: Kysely<DB>,
  id: number,
  pinHash: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ pin_hash: pinHash, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute()
}
