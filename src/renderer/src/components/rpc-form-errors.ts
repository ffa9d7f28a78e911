import { useCallback, useState } from 'react'
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { RpcError } from '../../../shared/rpc'

/**
 * Puts main's field errors next to their fields and returns the message for the form's
 * banner, so every form shows a refused save the same way.
 */
export function showRpcError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
): string {
  if (error instanceof RpcError) {
    for (const fe of error.fieldErrors) {
      if (fe.path) setError(fe.path as Path<T>, { message: fe.message })
    }
    return error.message
  }
  return error instanceof Error ? error.message : 'That did not work; please try again.'
}

/** A form's banner message, and a runner that clears it, calls main and shows any refusal. */
export function useFormError<T extends FieldValues>(setError: UseFormSetError<T>) {
  const [formError, setFormError] = useState<string | null>(null)
  const attempt = useCallback(
    async (work: () => Promise<void>) => {
      setFormError(null)
      try {
        await work()
      } catch (error) {
        setFormError(showRpcError(error, setError))
      }
    },
    [setError],
  )
  return { formError, setFormError, attempt }
}
