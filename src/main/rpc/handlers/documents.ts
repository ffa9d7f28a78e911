import { makeAftercareSheet } from '../../services/documents/aftercare-sheet'
import { listClientDocuments, readClientDocument } from '../../services/documents/client-documents'
import { audited } from './audited'
import type { HandlersOf } from './types'

// Audit summaries name documents and notes by number, never their advice or the client.
export const documentsHandlers: HandlersOf<'documents.'> = {
  'documents.aftercareSheet': audited(async (ctx, input) => {
    const { clientId, ...pdf } = await makeAftercareSheet(
      ctx.db,
      ctx.core.attachmentsDir,
      ctx.session,
      input,
      ctx.now,
    )
    return {
      value: pdf,
      audit: {
        entityType: 'client',
        entityId: clientId,
        summary: `Made aftercare sheet #${pdf.documentId} from treatment note #${input.noteId}`,
      },
    }
  }),

  'documents.list': ({ db }, { clientId }) => listClientDocuments(db, clientId),

  'documents.get': audited(async (ctx, { id }) => {
    const doc = await readClientDocument(ctx.db, ctx.core.attachmentsDir, id)
    return {
      value: { filename: doc.filename, base64: doc.data.toString('base64') },
      audit: {
        action: 'documents.opened',
        entityType: 'client',
        entityId: doc.clientId,
        summary: `Opened document #${id}`,
      },
    }
  }),
}
