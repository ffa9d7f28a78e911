/**
 * Saves from autosaving forms that a desk keeps while its host is away (issue 15: "nothing
 * typed is lost"). Each such method's input carries the record's `id` and the
 * `baseRevision` it builds on, and its answer carries the new `revision`; the host's
 * revision check settles what happened meanwhile. A desk sends each of them with a request
 * id, and the host answers a resend of one it already applied with the first answer
 * instead of applying it twice (a save whose answer was lost when the host died).
 *
 * The note editor is the one form that saves as you type; a form added later that does
 * the same goes here (and needs the same input and answer shape).
 */
export const KEPT_SAVES = {
  'notes.saveDraft': { what: 'Treatment note' },
} as const

export type KeptSaveMethod = keyof typeof KEPT_SAVES

export function isKeptSave(method: string): method is KeptSaveMethod {
  return Object.hasOwn(KEPT_SAVES, method)
}

/** What a desk sends with a kept save: a random id, the same for every resend of it. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/
