import { listBatches, undoImport } from '../../services/portability/import-undo'
import { audited } from './audited'
import type { HandlersOf } from './types'

// Parsing and checking a file and the import itself run as jobs on the core (outside the
// command's transaction); undo is an ordinary command, one transaction.
export const importsHandlers: HandlersOf<'imports.'> = {
  'imports.open': async ({ core }, { kind, fileName, text, base64 }) =>
    core.imports.open(
      fileName,
      base64 !== undefined ? { bytes: Buffer.from(base64, 'base64') } : { text: text ?? '' },
      kind,
    ),

  'imports.check': async ({ core }, { importId, mapping }) =>
    core.imports.startCheck(importId, mapping),

  'imports.run': async ({ core, session }, { importId, includeDuplicates }) =>
    // The import writes its own audit entry in its transaction, with the count it created.
    core.imports.startImport(importId, includeDuplicates, session, core.backups.actorFor(session)),

  'imports.job': async ({ core }, { id }) => core.imports.job(id),

  'imports.batches': ({ db }) => listBatches(db),

  'imports.undo': audited(async ({ db, session, now }, { batchId }) => {
    const batch = await undoImport(db, batchId, session.userId, now)
    return {
      value: batch,
      audit: {
        entityType: 'import_batch',
        entityId: batchId,
        summary: `Undid the import of ${batch.created} ${batch.kind} from ${batch.fileName}`,
      },
    }
  }),
}
