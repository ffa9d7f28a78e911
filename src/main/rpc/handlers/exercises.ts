import { removeAttachmentFiles } from '../../services/notes/note-erasure'
import { listExercises, saveExercise } from '../../services/exercises/exercise-library'
import { audited } from './audited'
import type { HandlersOf } from './types'

export const exercisesHandlers: HandlersOf<'exercises.'> = {
  'exercises.list': ({ db }, { includeInactive }) => listExercises(db, includeInactive),

  'exercises.save': audited(async (ctx, input) => {
    const { exercise: saved, unusedFiles } = await saveExercise(
      ctx.db,
      ctx.core.attachmentsDir,
      input,
      ctx.now,
    )
    ctx.afterCommit(() => removeAttachmentFiles(ctx.core.attachmentsDir, unusedFiles))
    return {
      value: saved,
      audit: {
        entityType: 'exercise',
        entityId: saved.id,
        summary: `${input.id ? 'Changed' : 'Added'} the exercise “${saved.name}”`,
      },
    }
  }),
}
