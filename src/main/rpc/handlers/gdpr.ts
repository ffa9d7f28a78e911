import { subjectAccessFiles } from '../../services/portability/subject-access-files'
import { audited } from './audited'
import type { HandlersOf } from './types'

export const gdprHandlers: HandlersOf<'gdpr.'> = {
  'gdpr.subjectAccess': audited(async ({ db, now, session, core }, { clientId }) => {
    const out = await subjectAccessFiles(db, clientId, session, core.attachmentsDir, now)
    return {
      value: out,
      audit: {
        entityType: 'client',
        entityId: clientId,
        summary: `Exported the complete record (subject access request): PDF, JSON and ${out.files.filter((f) => f.startsWith('attachments/')).length} attached files`,
      },
    }
  }),
}
