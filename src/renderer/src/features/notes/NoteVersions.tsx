import type { Note, NoteContent } from '../../../../shared/contract/notes'

interface Row {
  label: string
  saved: string
  mine: string
}

const painText = (v: number | null) => (v === null ? '–' : String(v))
const marks = (n: number) => `${n} mark${n === 1 ? '' : 's'}`

/** Every part of a note that can differ between two versions, in the editor's order. */
export function versionRows(note: Note, saved: NoteContent, mine: NoteContent): Row[] {
  const rows: Row[] = [
    {
      label: 'Pain before (0–10)',
      saved: painText(saved.painBefore),
      mine: painText(mine.painBefore),
    },
    {
      label: 'Pain after (0–10)',
      saved: painText(saved.painAfter),
      mine: painText(mine.painAfter),
    },
    ...note.template.fields.map((f) => ({
      label: f.label,
      saved: saved.sections[f.id] ?? '',
      mine: mine.sections[f.id] ?? '',
    })),
    { label: 'Areas treated', saved: saved.areas, mine: mine.areas },
    {
      label: 'Techniques used',
      saved: saved.techniques.join(', '),
      mine: mine.techniques.join(', '),
    },
    { label: 'Pressure', saved: saved.pressure, mine: mine.pressure },
    { label: 'Client’s response', saved: saved.response, mine: mine.response },
    { label: 'Aftercare advice given', saved: saved.aftercare, mine: mine.aftercare },
    { label: 'Home exercises', saved: saved.homeExercises, mine: mine.homeExercises },
    { label: 'Recommended next session', saved: saved.nextSession, mine: mine.nextSession },
    {
      label: 'Body chart',
      saved: marks(saved.bodyMarks.length),
      mine:
        saved.bodyMarks.length === mine.bodyMarks.length &&
        JSON.stringify(saved.bodyMarks) !== JSON.stringify(mine.bodyMarks)
          ? `${marks(mine.bodyMarks.length)}, placed differently`
          : marks(mine.bodyMarks.length),
    },
  ]
  return rows.filter((r) => r.saved !== r.mine)
}

/**
 * Two versions of one note side by side, only where they differ (issue 15: a conflict shows
 * both versions, so a person chooses; nothing is written over without them seeing it).
 */
export function NoteVersions({
  note,
  saved,
  mine,
  mineLabel,
}: {
  note: Note
  saved: NoteContent
  mine: NoteContent
  mineLabel: string
}) {
  const rows = versionRows(note, saved, mine)
  if (rows.length === 0) {
    return <p className="muted">The two versions say the same.</p>
  }
  return (
    <table className="table note-versions">
      <caption>Where the two versions differ</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Saved version</th>
          <th scope="col">{mineLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td>{r.saved || <span className="muted">(empty)</span>}</td>
            <td>{r.mine || <span className="muted">(empty)</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
