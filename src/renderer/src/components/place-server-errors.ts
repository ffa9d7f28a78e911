import type { FieldError } from '../../../shared/rpc'

/**
 * Maps one of main's field paths (the method's input shape, e.g. "opening.0.closes") onto the
 * name of a form field (the form's own shape, e.g. "days.0.closes"); null when it has none.
 */
export type ServerPathMap = (serverPath: string) => string | null | undefined

export interface PlacedErrors {
  /** Errors that land on a field the form shows: set these with react-hook-form's setError. */
  placed: { name: string; message: string }[]
  /** Errors no visible field can show: the form-level message must carry their words. */
  unplaced: FieldError[]
}

/**
 * The candidate field names for a server path, best first: the path itself, then shorter
 * prefixes ("tags.0" belongs to the "tags" field), then the same without a wrapper object
 * some methods put the record in ("client.firstName" for clients.update, "mapping.x").
 */
function candidates(path: string): string[] {
  const parts = path.split('.').filter(Boolean)
  const out: string[] = []
  for (const from of [0, 1]) {
    for (let to = parts.length; to > from; to--) out.push(parts.slice(from, to).join('.'))
  }
  return out
}

/**
 * Decides where each of main's field errors goes. A field error lands on a field only when
 * `isField` says the form has that field mounted now; a field error at a path the form does
 * not have would otherwise sit in react-hook-form's errors where nobody sees it and, since
 * the form's own validation never clears it, block every later Save (issue #11 item 10).
 *
 * @param fieldErrors main's errors: dotted paths in the method's input shape ("" for the form)
 * @param isField whether a name is a field the form currently renders
 * @param mapPath the form's own translation for paths whose shape differs from its values;
 *   when it returns nothing the generic candidates (exact path, prefixes, unwrapped) are tried
 */
export function placeServerErrors(
  fieldErrors: readonly FieldError[],
  isField: (name: string) => boolean,
  mapPath?: ServerPathMap,
): PlacedErrors {
  const placed: PlacedErrors['placed'] = []
  const unplaced: FieldError[] = []
  for (const fe of fieldErrors) {
    const mapped = fe.path ? mapPath?.(fe.path) : null
    const name = [...(mapped ? [mapped] : []), ...candidates(fe.path)].find(isField)
    if (!name) unplaced.push(fe)
    // The first message per field is the one to fix first; the rest would hide it.
    else if (!placed.some((p) => p.name === name)) placed.push({ name, message: fe.message })
  }
  return { placed, unplaced }
}

/** "cancellationNoticeHours" -> "Cancellation notice hours", the last named step of a path. */
function labelOf(path: string): string | null {
  const step = [...path.split('.')].reverse().find((s) => s !== '' && !/^\d+$/.test(s))
  if (!step) return null
  const words = step.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * The form-level message after a refused save: main's own message when every field error
 * landed on a field, and otherwise the server's words for the ones that did not (with the
 * field they concern), so a refusal is never just "correct the highlighted fields" with
 * nothing highlighted.
 */
export function formMessageFor(message: string, result: PlacedErrors): string {
  if (result.unplaced.length === 0) return message
  // Main already said it in so many words ("Sam Patel is already booked 10:00–11:00."):
  // repeating it behind a field label would only read worse.
  if (result.unplaced.every((fe) => message.includes(fe.message))) return message
  const words = result.unplaced.map((fe) => {
    const label = labelOf(fe.path)
    return label ? `${label}: ${fe.message}` : fe.message
  })
  const unique = [...new Set(words)]
  const words_ = unique.join('; ')
  return result.placed.length > 0 ? `${message} ${words_}` : words_
}
