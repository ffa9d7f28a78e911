import { z } from 'zod'
import { method } from './define'
import { revisioned, savesOn } from './revisions'

export const securitySettings = z.object({
  idleLockMinutes: z.coerce
    .number({ message: 'Enter a number of minutes' })
    .int('Use whole minutes')
    .min(1, 'At least 1 minute')
    .max(240, 'At most 240 minutes'),
  maxFailedAttempts: z.coerce
    .number({ message: 'Enter a number' })
    .int('Use a whole number')
    .min(3, 'At least 3 attempts')
    .max(20, 'At most 20 attempts'),
  lockoutMinutes: z.coerce
    .number({ message: 'Enter a number of minutes' })
    .int('Use whole minutes')
    .min(1, 'At least 1 minute')
    .max(1440, 'At most 1440 minutes (a day)'),
  notesAuthorOnly: z.boolean(),
})
export type SecuritySettings = z.output<typeof securitySettings>

export const securityContract = {
  'security.get': method({
    summary: 'Read the security settings',
    input: z.object({}),
    output: revisioned(securitySettings),
    roles: ['owner'],
    revision: { kind: 'security', as: 'read' },
  }),
  'security.update': method({
    summary: 'Change the security settings',
    input: savesOn(securitySettings),
    output: revisioned(securitySettings),
    roles: ['owner'],
    revision: { kind: 'security', as: 'save' },
  }),
}
