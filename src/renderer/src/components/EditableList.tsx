import type { ReactNode } from 'react'

/**
 * A settings list of named things the owner keeps (exercises, letter templates): each name,
 * "(retired)" when no longer offered, an optional note, and a "Change <name>" button.
 */
export function EditableList<T extends { id: number; name: string; active: boolean }>({
  items,
  note,
  onChange,
}: {
  items: readonly T[] | undefined
  note?: (item: T) => ReactNode
  onChange(item: T): void
}) {
  return (
    <ul className="plain-list">
      {items?.map((item) => (
        <li key={item.id}>
          <strong>{item.name}</strong>
          {!item.active && <span className="muted"> (retired)</span>}
          {note?.(item)}{' '}
          <button type="button" className="button link" onClick={() => onChange(item)}>
            Change {item.name}
          </button>
        </li>
      ))}
    </ul>
  )
}
