import { useEffect } from 'react'
import type { FieldValues, UseFormReturn } from 'react-hook-form'
import { useUnsavedGuard } from './unsaved-guard'

/**
 * Guards a react-hook-form form against being left with unsaved typing (unsaved-guard.ts):
 * dirty from the first change until a save that main accepted, when the saved values become
 * the form's new starting point (react-hook-form's documented reset-after-submit, keeping the
 * values shown). A save main refused leaves its field errors, so the typing stays guarded.
 */
export function useFormGuard<T extends FieldValues>(
  form: Pick<UseFormReturn<T>, 'formState' | 'reset' | 'getValues'>,
  what: string,
): void {
  const { isDirty, isSubmitSuccessful } = form.formState
  const { reset, getValues } = form
  useEffect(() => {
    if (isSubmitSuccessful) reset(getValues(), { keepValues: true })
  }, [isSubmitSuccessful, reset, getValues])
  useUnsavedGuard(isDirty, what)
}
