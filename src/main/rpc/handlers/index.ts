import { auditHandlers } from './audit'
import { authHandlers } from './auth'
import { securityHandlers } from './security'
import { backupsHandlers } from './backups'
import { clientsHandlers } from './clients'
import { diaryHandlers, waitlistHandlers } from './diary'
import {
  clinicHoursHandlers,
  roomsHandlers,
  servicesHandlers,
  therapistsHandlers,
} from './diary-setup'
import { notesHandlers } from './notes'
import { measuresHandlers } from './measures'
import { handoverHandlers } from './handover'
import { exercisesHandlers } from './exercises'
import { lettersHandlers } from './letters'
import { documentsHandlers } from './documents'
import { importsHandlers } from './imports'
import { exportsHandlers } from './exports'
import { gdprHandlers } from './gdpr'
import { retentionHandlers } from './retention'
import { settingsHandlers } from './settings'
import { networkHandlers } from './network'
import { encryptionHandlers } from './encryption'
import { packagesHandlers } from './packages'
import { reportsHandlers } from './reports'
import { messagesHandlers } from './messages'
import type { Handlers } from './types'
import { usersHandlers } from './users'
import {
  cashUpHandlers,
  creditNotesHandlers,
  invoicesHandlers,
  moneyHandlers,
  paymentsHandlers,
  productsHandlers,
  vouchersHandlers,
} from './money'

// Typed as Handlers: a contract method without a handler here fails the build.
export const handlers: Handlers = {
  ...settingsHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...securityHandlers,
  ...auditHandlers,
  ...backupsHandlers,
  ...clientsHandlers,
  ...therapistsHandlers,
  ...servicesHandlers,
  ...roomsHandlers,
  ...clinicHoursHandlers,
  ...diaryHandlers,
  ...waitlistHandlers,
  ...notesHandlers,
  ...measuresHandlers,
  ...handoverHandlers,
  ...exercisesHandlers,
  ...lettersHandlers,
  ...documentsHandlers,
  ...importsHandlers,
  ...exportsHandlers,
  ...gdprHandlers,
  ...retentionHandlers,
  ...moneyHandlers,
  ...invoicesHandlers,
  ...paymentsHandlers,
  ...creditNotesHandlers,
  ...cashUpHandlers,
  ...productsHandlers,
  ...vouchersHandlers,
  ...packagesHandlers,
  ...networkHandlers,
  ...encryptionHandlers,
  ...reportsHandlers,
  ...messagesHandlers,
}
