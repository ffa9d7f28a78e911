import type { SignedInUser } from '../../../../shared/contract/auth'
import type { NoteContent } from '../../../../shared/contract/notes'
import { useDropKept, useKeptSaves } from '../../api/kept'
import { useUnsignedNotesAmong } from '../../api/notes'
import { formatInstant } from '../../clinic-time'
import { Icon } from '../../components/Icon'
import { noteHref } from './NoteScreen'

const CLINICAL: readonly string[] = ['owner', 'therapist']

/** A kept note's typing as plain text, to copy when the note cannot take it any more. */
function keptText(content: NoteContent): string {
  return [
    ...Object.values(content.sections),
    content.areas,
    content.response,
    content.aftercare,
    content.homeExercises,
    content.nextSession,
  ]
    .filter((t) => t.trim() !== '')
    .join('\n')
}

/**
 * Above every screen on a desk: note drafts this desk keeps for the signed-in author, i.e.
 * typing it could not save (issue 15). Waiting ones go to the host by themselves when it is
 * back; one that changed elsewhere meanwhile links to the note, where both versions are
 * shown side by side.
 */
export function KeptNotesNotice({ user }: { user: SignedInUser }) {
  const clinical = CLINICAL.includes(user.role)
  const kept = useKeptSaves(clinical)
  const notes = (kept.data ?? []).filter((k) => k.method === 'notes.saveDraft')
  const unsigned = useUnsignedNotesAmong(
    notes.filter((k) => k.state !== 'waiting' && k.recordId > 0).map((k) => k.recordId),
    clinical,
  )
  const drop = useDropKept()
  if (notes.length === 0) return null
  const waiting = notes.filter((k) => k.state === 'waiting').length
  return (
    <div className="kept-notes no-print">
      {waiting > 0 && (
        <div className="banner banner-info" role="status">
          <Icon name="info" /> {waiting === 1 ? 'A treatment note' : `${waiting} treatment notes`}{' '}
          typed on this desk {waiting === 1 ? 'is' : 'are'} kept here and will be saved when the
          host is back.
        </div>
      )}
      {notes
        .filter((k) => k.state !== 'waiting')
        .map((k) => {
          const draft = unsigned.data?.notes.find((n) => n.id === k.recordId)
          return (
            <div key={k.key} className="banner banner-error" role="alert">
              <Icon name="alert" />{' '}
              <span>
                Your typing in a treatment note{draft ? ` for ${draft.clientName}` : ''}, kept on
                this desk at {formatInstant(k.keptAt, 'HH:mm')} while the host was away, was not
                saved.{' '}
                {k.state === 'conflict'
                  ? 'The note was changed elsewhere meanwhile.'
                  : (k.message ?? '')}{' '}
                {draft ? (
                  <a href={noteHref(draft.clientId, draft.id)}>Compare the two versions</a>
                ) : (
                  <>
                    <button
                      type="button"
                      className="button small secondary"
                      onClick={() =>
                        void navigator.clipboard.writeText(
                          keptText(k.input['content'] as NoteContent),
                        )
                      }
                    >
                      Copy my text
                    </button>{' '}
                    <button
                      type="button"
                      className="button small secondary danger-text"
                      disabled={drop.isPending}
                      onClick={() => drop.mutate(k.key)}
                    >
                      Discard it
                    </button>
                  </>
                )}
              </span>
            </div>
          )
        })}
    </div>
  )
}
