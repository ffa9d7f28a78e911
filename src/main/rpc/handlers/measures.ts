import { clientProgress } from '../../services/measures/client-progress'
import { recordMeasure } from '../../services/measures/record-measure'
import { notesAuthorOnly } from '../../services/notes/note-reading'
import type { HandlersOf } from './types'

// Thin: validation and roles (owner, therapist) are the router's; rules are the services'.
// Audit summaries name the action and the client's record, never a measure's name or score
// (which measure was asked can itself say what is wrong, e.g. VISA-A for an Achilles).
export const measuresHandlers: HandlersOf<'measures.'> = {
  'measures.record': async (ctx, input) => {
    const entry = await recordMeasure(ctx.db, ctx.session, input, ctx.now)
    await ctx.audit({
      action: input.replacesId ? 'measure.correct' : 'measure.record',
      entityType: 'client',
      entityId: input.clientId,
      summary: input.replacesId
        ? `Corrected clinical measurement #${input.replacesId} (now #${entry.id})`
        : `Recorded clinical measurement #${entry.id}`,
    })
    return entry
  },

  'measures.progress': async (ctx, { clientId }) => {
    const progress = await clientProgress(
      ctx.db,
      ctx.session,
      clientId,
      await notesAuthorOnly(ctx.db),
    )
    await ctx.audit({
      action: 'measure.open',
      entityType: 'client',
      entityId: clientId,
      summary: 'Viewed progress (pain, measures, range of motion, training load)',
    })
    return progress
  },
}
