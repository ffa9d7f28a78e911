import {
  anonymiseClient,
  deleteClient,
  getRetentionYears,
  recordsPastRetention,
  setRetentionYears,
} from '../../services/portability/retention'
import { removeAttachmentFiles } from '../../services/notes/note-erasure'
import type { HandlersOf } from './types'

// Audit summaries say what was done, never who the client was or anything clinical.
export const retentionHandlers: HandlersOf<'retention.'> = {
  'retention.list': async ({ db, now }) => ({
    years: await getRetentionYears(db),
    clients: await recordsPastRetention(db, now),
  }),

  'retention.updateSettings': async ({ db, audit }, { years }) => {
    await setRetentionYears(db, years)
    await audit({
      action: 'retention.settings',
      entityType: 'retention_settings',
      entityId: 1,
      summary: `Keep client records ${years} years after the last treatment`,
    })
    return { years }
  },

  'retention.anonymise': async ({ db, now, audit, afterCommit, core }, { clientId }) => {
    const { unusedAttachments } = await anonymiseClient(db, clientId, now)
    afterCommit(() => {
      removeAttachmentFiles(core.attachmentsDir, unusedAttachments)
      core.truncateWal()
    })
    await audit({
      action: 'client.anonymise',
      entityType: 'client',
      entityId: clientId,
      summary: 'Anonymised: identity and clinical text removed',
    })
    return { id: clientId }
  },

  'retention.delete': async ({ db, audit, afterCommit, core }, { clientId }) => {
    const files = await deleteClient(db, clientId)
    afterCommit(() => {
      removeAttachmentFiles(core.attachmentsDir, files)
      core.truncateWal()
    })
    await audit({
      action: 'client.delete',
      entityType: 'client',
      entityId: clientId,
      summary: 'Deleted the record',
    })
    return { id: clientId }
  },
}
