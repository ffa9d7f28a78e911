import { auditHandlers } from './audit'
import { authHandlers } from './auth'
import { securityHandlers } from './security'
import { backupsHandlers } from './backups'
import { clientsHandlers } from './clients'
import { importsHandlers } from './imports'
import { exportsHandlers } from './exports'
import { gdprHandlers } from './gdpr'
import { retentionHandlers } from './retention'
import { settingsHandlers } from './settings'
import type { Handlers } from './types'
import { usersHandlers } from './users'

// Typed as Handlers: a contract method without a handler here fails the build.
export const handlers: Handlers = {
  ...settingsHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...securityHandlers,
  ...auditHandlers,
  ...backupsHandlers,
  ...clientsHandlers,
  ...importsHandlers,
  ...exportsHandlers,
  ...gdprHandlers,
  ...retentionHandlers,
}
