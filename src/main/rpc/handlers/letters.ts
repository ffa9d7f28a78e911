import { listLetterTemplates, makeLetter, saveLetterTemplate } from '../../services/letters/letters'
import { audited } from './audited'
import type { HandlersOf } from './types'

// Audit summaries name the letter and the note by number, never what the letter says.
export const lettersHandlers: HandlersOf<'letters.'> = {
  'letters.templates': ({ db }, { includeInactive }) => listLetterTemplates(db, includeInactive),

  'letters.saveTemplate': audited(async (ctx, input) => {
    const saved = await saveLetterTemplate(ctx.db, input, ctx.now)
    return {
      value: saved,
      audit: {
        entityType: 'letter_template',
        entityId: saved.id,
        summary: `${input.id ? 'Changed' : 'Added'} the letter template “${saved.name}”`,
      },
    }
  }),

  'letters.make': audited(async (ctx, input) => {
    const { clientId, ...pdf } = await makeLetter(
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
        summary: `Wrote letter #${pdf.documentId} from treatment note #${input.noteId}`,
      },
    }
  }),
}
