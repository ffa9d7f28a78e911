import { clientProgress } from '../../services/measures/client-progress'
import { recordMeasure } from '../../services/measures/record-measure'
import { notesAuthorOnly } from '../../services/notes/note-reading'
import { audited } from './audited'
import type { HandlersOf } from './types'

// Thin: validation and roles (owner, therapist) are the router's; rules are the services'.
// Audit summaries name the action and the client's record, never a measure's name or score
// (which measure was asked can itself say what is wrong, e.g. VISA-A for an Achilles).
export const measuresHandlers: HandlersOf<'measures.'> = {
  'measures.record': audited(async (ctx, input) => {
    const entry = await recordMeasure(ctx.db, ctx.session, input, ctx.now)
    return {
      value: entry,
      audit: {
        entityType: 'client',
        entityId: input.clientId,
        summary: input.replacesId
          ? `Corrected clinical measurement #${input.replacesId} (now #${entry.id})`
          : `Recorded clinical measurement #${entry.id}`,
      },
    }
  }),

  // Reading health data is audited like opening notes (notes.opened), once per client per
  // sign-in on a screen: the note's Measures card and the client page both read progress,
  // and refetch it after every save and every other desk's change, so a line per call said
  // "Viewed progress" dozens of times a visit and buried the lines that matter. The first
  // view in a session is the fact the audit needs; signing in anew (or another person) logs
  // again. Calls without a screen (tests, tools) are logged every time.
  'measures.progress': audited(async (ctx, { clientId }) => {
    const authorOnly = await notesAuthorOnly(ctx.db)
    const value = await clientProgress(ctx.db, ctx.session, clientId, authorOnly)
    const first = ctx.connection?.firstInSession(`measures.opened:${clientId}`) ?? true
    return {
      value,
      audit: first && {
        action: 'measures.opened',
        entityType: 'client',
        entityId: clientId,
        summary: 'Viewed progress (pain, measures, range of motion, training load)',
      },
    }
  }),
}
