import { useState, type KeyboardEvent } from 'react'

/**
 * The arrow-key half of a listbox or combobox (WAI-ARIA APG "Listbox" and "Combobox"
 * patterns): ↑/↓ move the active option within `count`, Enter (and Space, for a focused
 * list rather than a text box) chooses it. One copy for the client lookup and the booking
 * dialog's free times, so they behave the same.
 *
 * `active` is always inside the list (clamped when the list shrinks); `reset()` goes back to
 * the first option, for when the list is replaced.
 */
export function useListbox({
  count,
  onChoose,
  onEnterWithNone,
  spaceChooses = false,
}: {
  count: number
  onChoose(index: number): void
  /** Enter with nothing in the list (e.g. "add a new client"); default: nothing happens. */
  onEnterWithNone?: () => void
  /** A focused list (not a text box) also chooses with Space. */
  spaceChooses?: boolean
}) {
  const [rawActive, setActive] = useState(0)
  const active = Math.min(rawActive, Math.max(0, count - 1))
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      setActive(Math.min(active + 1, count - 1))
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      setActive(Math.max(active - 1, 0))
    } else if (event.key === 'Enter' || (spaceChooses && event.key === ' ')) {
      if (count > 0) {
        event.preventDefault()
        onChoose(active)
      } else if (onEnterWithNone && event.key === 'Enter') {
        event.preventDefault()
        onEnterWithNone()
      }
    }
  }
  return { active, setActive, reset: () => setActive(0), onKeyDown }
}
