import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import type { Note, NoteContent } from '../../../../shared/contract/notes'
import { api } from '../../api/client'
import { Icon } from '../../components/Icon'
import { contentOf } from './note-content'
import { NoteVersions } from './NoteVersions'

/** The note on screen as plain text, so the therapist can keep a copy of their typing. */
export function noteAsText(note: Note, content: NoteContent): string {
  const lines = [
    `${note.template.name}: ${note.clientName}`,
    `Pain before: ${content.painBefore ?? '–'} · after: ${content.painAfter ?? '–'}`,
    ...note.template.fields.map((f) => `${f.label}: ${content.sections[f.id] ?? ''}`),
    `Areas treated: ${content.areas}`,
    `Techniques used: ${content.techniques.join(', ')}`,
    `Pressure: ${content.pressure}`,
    `Client’s response: ${content.response}`,
    `Aftercare advice given: ${content.aftercare}`,
    `Home exercises: ${content.homeExercises}`,
    `Recommended next session: ${content.nextSession}`,
  ]
  return lines.join('\n')
}

/**
 * Main refused a save because the note changed elsewhere. The typing stays on screen; the
 * therapist chooses: copy it, save it over the other version, or load the saved version.
 */
export function NoteConflictBanner({
  note,
  message,
  mine,
  onKeepMine,
  onLoadSaved,
}: {
  note: Note
  message: string
  mine: () => NoteContent
  onKeepMine: () => Promise<void>
  onLoadSaved: () => Promise<void>
}) {
  const [busy, setBusy] = useState(false)
  const [copied, setCopied] = useState<string | null>(null)
  // The version saved elsewhere, beside the one on screen: the author sees what each says.
  const saved = useQuery({
    queryKey: ['notes', 'saved-version', note.id, message],
    queryFn: () => api.call('notes.get', { id: note.id }),
    staleTime: Infinity,
  })
  const run = (work: () => Promise<void>) => {
    setBusy(true)
    work().finally(() => setBusy(false))
  }
  return (
    <div className="banner banner-error note-conflict" role="alert">
      <p>
        <Icon name="alert" /> <strong>Changed elsewhere.</strong> {message}
      </p>
      {saved.data && (
        <NoteVersions
          note={note}
          saved={contentOf(saved.data)}
          mine={mine()}
          mineLabel="Your version (on screen)"
        />
      )}
      <div className="note-conflict-actions">
        <button
          type="button"
          className="button secondary"
          onClick={() =>
            navigator.clipboard.writeText(noteAsText(note, mine())).then(
              () => setCopied('Your text is on the clipboard.'),
              () => setCopied('Copying was not allowed; select the text and copy it by hand.'),
            )
          }
        >
          Copy my text
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={busy}
          onClick={() => run(onKeepMine)}
        >
          Save mine over the other version
        </button>
        <button
          type="button"
          className="button secondary danger-text"
          disabled={busy}
          onClick={() => run(onLoadSaved)}
        >
          Load the saved version (drops my changes)
        </button>
      </div>
      {copied && <p role="status">{copied}</p>}
    </div>
  )
}
