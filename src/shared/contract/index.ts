import type { z } from 'zod'
import type { MethodSpec } from './define'
import { auditContract } from './audit'
import { authContract } from './auth'
import { securityContract } from './security'
import { usersContract } from './users'
import { backupsContract } from './backups'
import { clientsContract } from './clients'
import { diaryContract } from './diary'
import { diarySetupContract } from './diary-setup'
import { notesContract } from './notes'
import { measuresContract } from './measures'
import { handoverContract } from './handover'
import { exercisesContract } from './exercises'
import { lettersContract } from './letters'
import { documentsContract } from './documents'
import { importsContract } from './imports'
import { exportsContract } from './exports'
import { gdprContract } from './gdpr'
import { retentionContract } from './retention'
import { settingsContract } from './settings'
import { moneyContract, moneySetupContract } from './money'
import { cashUpContract } from './cash-up'
import { vouchersContract } from './vouchers'
import { packagesContract } from './packages'
import { networkContract } from './network'
import { encryptionContract } from './encryption'
import { reportsContract } from './reports'
import { messagesContract } from './messages'

/** Every method Plinth's main process answers, composed from the domains. */
export const contract = {
  ...settingsContract,
  ...authContract,
  ...usersContract,
  ...securityContract,
  ...auditContract,
  ...backupsContract,
  ...clientsContract,
  ...diarySetupContract,
  ...diaryContract,
  ...notesContract,
  ...measuresContract,
  ...handoverContract,
  ...exercisesContract,
  ...lettersContract,
  ...documentsContract,
  ...importsContract,
  ...exportsContract,
  ...gdprContract,
  ...retentionContract,
  ...moneyContract,
  ...moneySetupContract,
  ...cashUpContract,
  ...vouchersContract,
  ...packagesContract,
  ...networkContract,
  ...encryptionContract,
  ...reportsContract,
  ...messagesContract,
} satisfies Record<string, MethodSpec>

export type Contract = typeof contract
export type MethodName = keyof Contract
/** What a caller passes (before the schema's trimming and defaults). */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>
/** What a handler receives (after validation). */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>
export type OutputOf<M extends MethodName> = z.output<Contract[M]['output']>

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}

export const methodNames = Object.keys(contract) as MethodName[]
