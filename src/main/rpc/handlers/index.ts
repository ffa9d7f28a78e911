import { backupsHandlers } from './backups'
import { settingsHandlers } from './settings'
import type { Handlers } from './types'

// Typed as Handlers: a contract method without a handler here fails the build.
export const handlers: Handlers = {
  ...settingsHandlers,
  ...backupsHandlers,
}
