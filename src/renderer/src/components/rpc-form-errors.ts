import { useCallback, useState } from 'react'
import type { Control, FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { RpcError } from '../../../shared/rpc'
import { formMessageFor, placeServerErrors, type ServerPathMap } from './place-server-errors'

export type { ServerPathMap } from './place-server-errors'

/** The part of a react-hook-form form that a refused save is shown on. */
export interface FormTarget<T extends FieldValues> {
  setError: UseFormSetError<T>
  /** Tells which fields are mounted now; without it every error goes to the banner. */
  control?: Control<T, unknown, FieldValues> | Control<T>
}

/**
 * Puts main's field errors next to the fields the form shows and returns the message for the
 * form's banner, so every form shows a refused save the same way. An error whose path the
 * form has no mounted field for (main's input shape differs from the form's, or the field is
 * hidden) goes into the banner in main's own words instead of onto an unseen path, where it
 * would also block every later Save until a reload (react-hook-form keeps errors its own
 * validation does not own).
 *
 * @param mapPath the form's translation of main's paths, when its values are shaped differently
 */
export function showRpcError<T extends FieldValues>(
  error: unknown,
  form?: FormTarget<T>,
  mapPath?: ServerPathMap,
): string {
  if (error instanceof RpcError) {
    // `_names.mount` is react-hook-form's set of registered, rendered field names: the only
    // record of which fields exist now (values alone cannot tell a hidden field from a shown one).
    const mounted = (form?.control as Control<T> | undefined)?._names.mount
    const result = placeServerErrors(
      error.fieldErrors,
      (name) => mounted?.has(name) ?? false,
      mapPath,
    )
    result.placed.forEach(({ name, message }, i) => {
      form?.setError(name as Path<T>, { type: 'server', message }, { shouldFocus: i === 0 })
    })
    return formMessageFor(error.message, result)
  }
  return error instanceof Error ? error.message : 'That did not work; please try again.'
}

/** A form's banner message, and a runner that clears it, calls main and shows any refusal. */
export function useFormError<T extends FieldValues>(form: FormTarget<T>) {
  const [formError, setFormError] = useState<string | null>(null)
  const { setError, control } = form
  const attempt = useCallback(
    async (work: () => Promise<void>, mapPath?: ServerPathMap) => {
      setFormError(null)
      try {
        await work()
      } catch (error) {
        setFormError(showRpcError(error, { setError, control }, mapPath))
      }
    },
    [setError, control],
  )
  return { formError, setFormError, attempt }
}

/**
 * A refusal in words for a screen with no react-hook-form fields to highlight (a button, a
 * dialog with its own state): main's field errors are spelled out rather than left behind a
 * bare "Please correct the highlighted fields" with nothing highlighted.
 */
export function errorWords(error: unknown, fallback = 'That did not work; please try again.') {
  if (error instanceof RpcError || error instanceof Error) return showRpcError(error)
  return fallback
}
