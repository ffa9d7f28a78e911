import { noteContent, type NoteContent } from '../../../../shared/contract/notes'

/** A field's place in the editor: a top-level key, or `sections.<id>` for a template section. */
export type FieldKey = string

/** Messages for the fields held back from saving, keyed by FieldKey. */
export type FieldProblems = Record<FieldKey, string>

const keyOf = (path: readonly PropertyKey[]): FieldKey =>
  path[0] === 'sections' && path.length > 1 ? `sections.${String(path[1])}` : String(path[0])

function take(content: NoteContent, from: NoteContent, key: FieldKey): NoteContent {
  if (key.startsWith('sections.')) {
    const id = key.slice('sections.'.length)
    const sections = { ...content.sections }
    if (id in from.sections) sections[id] = from.sections[id]!
    else delete sections[id]
    return { ...content, sections }
  }
  return { ...content, [key]: from[key as keyof NoteContent] }
}

/**
 * Splits what is on screen into what can be saved and what cannot. Each field that breaks a
 * rule of the note contract (the same zod schema main checks) keeps its last saved value in
 * the save and gets its message back, so one bad value (Pain after 11) holds back only that
 * field while everything else goes on saving. `lastSaved` is the content main last accepted.
 */
export function holdBackInvalid(
  onScreen: NoteContent,
  lastSaved: NoteContent,
): { toSave: NoteContent; problems: FieldProblems } {
  const problems: FieldProblems = {}
  let toSave = onScreen
  const parsed = noteContent.safeParse(onScreen)
  if (parsed.success) return { toSave: parsed.data, problems }
  for (const issue of parsed.error.issues) {
    const key = keyOf(issue.path)
    problems[key] ??= issue.message
    toSave = take(toSave, lastSaved, key)
  }
  const again = noteContent.safeParse(toSave)
  // The last saved content was accepted by main, so this only fails if the rules changed.
  return { toSave: again.success ? again.data : lastSaved, problems }
}

/** Main's field errors ("content.painAfter") as editor keys ("painAfter"). */
export function problemsFromServer(
  fieldErrors: readonly { path: string; message: string }[],
): FieldProblems {
  const problems: FieldProblems = {}
  for (const e of fieldErrors) {
    const parts = e.path.split('.')
    if (parts[0] !== 'content' || parts.length < 2) continue
    problems[keyOf(parts.slice(1))] ??= e.message
  }
  return problems
}
