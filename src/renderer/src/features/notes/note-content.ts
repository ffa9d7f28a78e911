import type { Note, NoteContent } from '../../../../shared/contract/notes'

/** What of a note its editor edits (and a save sends), as main last answered it. */
export function contentOf(note: Note): NoteContent {
  return {
    sections: Object.fromEntries(
      note.template.fields.map((f) => [f.id, note.sections[f.id] ?? '']),
    ),
    painBefore: note.painBefore,
    painAfter: note.painAfter,
    areas: note.areas,
    techniques: note.techniques,
    pressure: note.pressure,
    response: note.response,
    aftercare: note.aftercare,
    homeExercises: note.homeExercises,
    nextSession: note.nextSession,
    bodyMarks: note.bodyMarks,
  }
}
