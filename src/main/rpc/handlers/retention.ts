import {
  anonymiseClient,
  deleteClient,
  getRetentionYears,
  recordsPastRetention,
  setRetentionYears,
} from '../../services/portability/retention'
import { removeAttachmentFiles } from '../../services/notes/note-erasure'
import { audited } from './audited'
import type { HandlersOf } from './types'

// Audit summaries say what was done, never who the client was or anything clinical.
export const retentionHandlers: HandlersOf<'retention.'> = {
  'retention.list': async ({ db, now }) => ({
    years: await getRetentionYears(db),
    clients: await recordsPastRetention(db, now),
  }),

  'retention.updateSettings': audited(async ({ db }, { years }) => {
    await setRetentionYears(db, years)
    return {
      value: { years },
      audit: {
        entityType: 'retention_settings',
        entityId: 1,
        summary: `Keep client records ${years} years after the last treatment`,
      },
    }
  }),

  'retention.anonymise': audited(async ({ db, now, afterCommit, core }, { clientId }) => {
    const { unusedAttachments } = await anonymiseClient(db, clientId, now)
    afterCommit(() => {
      removeAttachmentFiles(core.attachmentsDir, unusedAttachments)
      core.truncateWal()
    })
    return {
      value: { id: clientId },
      audit: {
        entityType: 'client',
        entityId: clientId,
        summary: 'Anonymised: identity and clinical text removed',
      },
    }
  }),

  'retention.delete': audited(async ({ db, afterCommit, core }, { clientId }) => {
    const files = await deleteClient(db, clientId)
    afterCommit(() => {
      removeAttachmentFiles(core.attachmentsDir, files)
      core.truncateWal()
    })
    return {
      value: { id: clientId },
      audit: { entityType: 'client', entityId: clientId, summary: 'Deleted the record' },
    }
  }),
}
