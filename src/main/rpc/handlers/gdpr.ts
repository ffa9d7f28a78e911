import { subjectAccessRecord } from '../../services/portability/subject-access'
import type { HandlersOf } from './types'

export const gdprHandlers: HandlersOf<'gdpr.'> = {
  'gdpr.subjectAccess': async ({ db, now, audit }, { clientId }) => {
    const { document } = await subjectAccessRecord(db, clientId, now)
    await audit({
      action: 'gdpr.subject-access',
      entityType: 'client',
      entityId: clientId,
      summary: 'Exported the complete record (subject access request)',
    })
    return {
      fileName: `subject-access-client-${clientId}-${now.toISOString().slice(0, 10)}.json`,
      json: JSON.stringify(document, null, 2),
    }
  },
}
