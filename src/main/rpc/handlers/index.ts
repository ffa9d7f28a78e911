import { appointmentsHandlers, diaryHandlers, waitlistHandlers } from './appointments'
import { auditHandlers } from './audit'
import { authHandlers } from './auth'
import { securityHandlers } from './security'
import { clientsHandlers } from './clients'
import {
  clinicHoursHandlers,
  roomsHandlers,
  servicesHandlers,
  therapistsHandlers,
} from './diary-setup'
import { backupsHandlers } from './backups'
import { notesHandlers } from './notes'
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
  ...clientsHandlers,
  ...therapistsHandlers,
  ...servicesHandlers,
  ...roomsHandlers,
  ...clinicHoursHandlers,
  ...diaryHandlers,
  ...appointmentsHandlers,
  ...waitlistHandlers,
  ...backupsHandlers,
  ...notesHandlers,
}
