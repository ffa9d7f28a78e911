import { DomainError } from '../../services/domain-error'
import { subjectAccessFiles } from '../../services/portability/subject-access-files'
import type { HandlersOf } from './types'

export const gdprHandlers: HandlersOf<'gdpr.'> = {
  'gdpr.subjectAccess': async ({ db, now, audit, session, core }, { clientId }) => {
    if (!session) throw new DomainError('forbidden', 'Please sign in to continue.')
    const out = await subjectAccessFiles(db, clientId, session, core.attachmentsDir, now)
    await audit({
      action: 'gdpr.subject-access',
      entityType: 'client',
      entityId: clientId,
      summary: `Exported the complete record (subject access request): PDF, JSON and ${out.files.filter((f) => f.startsWith('attachments/')).length} attached files`,
    })
    return out
  },
}
