/**
 * A form's closing row: leave (Cancel, or Close where the form saves and stays open) and
 * submit. The submit is disabled while its save is on the way, so a double press cannot
 * send it twice; Enter in a field submits as usual.
 */
export function FormActions({
  leave = 'Cancel',
  onLeave,
  submit,
  busy,
}: {
  leave?: 'Cancel' | 'Close'
  onLeave(): void
  /** The submit button's words, e.g. "Save exercise". */
  submit: string
  /** A save is in flight. */
  busy: boolean
}) {
  return (
    <div className="form-actions">
      <button type="button" className="button secondary" onClick={onLeave}>
        {leave}
      </button>
      <button type="submit" className="button primary" disabled={busy}>
        {submit}
      </button>
    </div>
  )
}
