import { useState } from 'react'
import type { KeptSave } from '../../../../shared/contract/link'
import type { Note, NoteContent } from '../../../../shared/contract/notes'
import { useDropKept, useKeptSave } from '../../api/kept'
import { formatInstant } from '../../clinic-time'
import { Icon } from '../../components/Icon'
import { errorWords } from '../../components/rpc-form-errors'
import { NoteVersions } from './NoteVersions'

/** Why the desk could not save it, in words that fit typing kept on a desk. */
export function keptWhy(kept: KeptSave): string {
  return kept.state === 'conflict'
    ? 'The note was changed elsewhere (on another screen or desk) while this desk could not reach the host. Both versions are below: choose one.'
    : (kept.message ?? '')
}

/**
 * This note's typing that the desk kept while the host was away and could not save when it
 * returned (the note changed elsewhere meanwhile, or was signed). Both versions are shown;
 * the author chooses one. Nothing is written over until they do.
 */
export function KeptNotePanel({
  note,
  saved,
  onUseKept,
}: {
  note: Note
  /** The note as the host has it (what the editor opened with). */
  saved: NoteContent
  onUseKept: (content: NoteContent) => Promise<void>
}) {
  const kept = useKeptSave('notes.saveDraft', note.id)
  const drop = useDropKept()
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState<string | null>(null)
  if (!kept || kept.state === 'waiting') return null
  const content = kept.input['content'] as NoteContent
  return (
    <section className="banner banner-error note-conflict kept-note" aria-labelledby="kept-title">
      <p id="kept-title">
        <Icon name="alert" />{' '}
        <strong>
          Typed on this desk while the host was away (last at {formatInstant(kept.keptAt, 'HH:mm')}
          ), and not saved.
        </strong>{' '}
        {keptWhy(kept)}
      </p>
      <NoteVersions note={note} saved={saved} mine={content} mineLabel="Kept on this desk" />
      <div className="note-conflict-actions">
        {note.editable && (
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => {
              setBusy(true)
              setFailed(null)
              onUseKept(content)
                .catch((e: unknown) => setFailed(errorWords(e)))
                .finally(() => setBusy(false))
            }}
          >
            Use the version kept on this desk
          </button>
        )}
        <button
          type="button"
          className="button secondary danger-text"
          disabled={drop.isPending}
          onClick={() => drop.mutate(kept.key)}
        >
          Keep the saved version (discard the kept one)
        </button>
      </div>
      {failed && <p role="alert">{failed}</p>}
    </section>
  )
}
