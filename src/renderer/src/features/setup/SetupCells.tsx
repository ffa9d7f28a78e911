import { ColourDot } from './ColourDot'

/** A set-up list's first cell: its colour, its name, and why it is greyed out when it is. */
export function ColouredNameCell({
  colour,
  name,
  active,
  inactiveLabel,
}: {
  colour: string
  name: string
  active: boolean
  /** e.g. "not offered", shown after the name of an inactive row. */
  inactiveLabel: string
}) {
  return (
    <td>
      <ColourDot colour={colour} /> {name}
      {!active && <span className="muted"> ({inactiveLabel})</span>}
    </td>
  )
}

/** A list row's last cell: one Edit button, named for the row for screen readers. */
export function EditCell({ name, onEdit }: { name: string; onEdit(): void }) {
  return (
    <td className="cell-actions">
      <button
        type="button"
        className="button small secondary"
        aria-label={`Edit ${name}`}
        onClick={onEdit}
      >
        Edit
      </button>
    </td>
  )
}
