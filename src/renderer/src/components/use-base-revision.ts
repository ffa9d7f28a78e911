import { useMemo, useRef } from 'react'

/**
 * The revision a form's values were loaded from: what its saves name as `baseRevision`, so
 * main refuses them once the record was saved elsewhere (a 'conflict'). It is fixed when the
 * form is filled, not taken from a refetched record, which may be newer than what is on
 * screen; it moves on only with the form's own successful saves (`saved`).
 */
export function useBaseRevision(loaded: number | undefined): {
  get(): number | undefined
  saved(revision: number): void
} {
  const ref = useRef(loaded)
  // One object for the form's life, so effects and callbacks can depend on it.
  return useMemo(
    () => ({
      get: () => ref.current,
      saved: (revision: number) => {
        ref.current = revision
      },
    }),
    [],
  )
}
