import { useEffect, useState } from 'react'
import { Icon } from '../../components/Icon'
import type { Notice } from './use-diary-range'

/**
 * The diary's one-line result of an action ("Priya Shah moved to Thu 18 Jun 10:00."), with
 * Undo when the action can be put back: the button, or Ctrl+Z (⌘Z) anywhere but a text field
 * or an open dialog.
 */
export function DiaryNotice({
  notice,
  onNotice,
}: {
  notice: Notice
  onNotice(next: Notice | null): void
}) {
  const [undoing, setUndoing] = useState(false)
  const undo = notice.undo
  useEffect(() => {
    if (!undo) return
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z' || e.shiftKey) return
      const t = e.target as HTMLElement | null
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return
      // Not behind an open dialog: the move it would undo cannot be seen from there.
      if (document.querySelector('dialog[open], [role="dialog"], [role="alertdialog"]')) return
      e.preventDefault()
      void run(undo)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- run only reads setters
  }, [undo])

  async function run(fn: () => Promise<Notice>) {
    setUndoing(true)
    try {
      onNotice(await fn())
    } finally {
      setUndoing(false)
    }
  }

  const error = notice.kind === 'error'
  return (
    // Over the diary rather than above it (diary-notice): a notice that pushed the calendar
    // down made every drop move the whole grid under the pointer and lay it all out again.
    <div
      className={`banner diary-notice ${error ? 'banner-error' : 'banner-ok'}`}
      role={error ? 'alert' : 'status'}
    >
      <Icon name={error ? 'alert' : 'check'} /> {notice.text}
      {undo && (
        <button
          type="button"
          className="button secondary small"
          disabled={undoing}
          onClick={() => void run(undo)}
          aria-keyshortcuts="Control+Z"
        >
          Undo <kbd>Ctrl Z</kbd>
        </button>
      )}
      <button
        type="button"
        className="button link banner-close"
        onClick={() => onNotice(null)}
        aria-label="Dismiss"
      >
        ×
      </button>
    </div>
  )
}
