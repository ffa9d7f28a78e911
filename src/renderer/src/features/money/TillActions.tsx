import { formatPence } from '../../../../shared/money/pounds'

/** The foot of a payment form: Split (Alt+S) and Take £x (Enter). */
export function TillActions({
  onSplit,
  enteredPence,
  busy,
}: {
  onSplit(): void
  enteredPence: number
  busy: boolean
}) {
  return (
    <div className="form-actions">
      <button
        type="button"
        className="button secondary"
        onClick={onSplit}
        aria-keyshortcuts="Alt+S"
      >
        Split <kbd>Alt+S</kbd>
      </button>
      <button type="submit" className="button primary" disabled={busy}>
        Take {formatPence(enteredPence)} <kbd>Enter</kbd>
      </button>
    </div>
  )
}
