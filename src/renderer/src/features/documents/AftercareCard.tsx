import { useState } from 'react'
import { useExercises } from '../../api/exercises'
import { useAftercareSheet } from '../../api/documents'
import { Icon } from '../../components/Icon'
import { errorWords } from '../../components/rpc-form-errors'

/**
 * The note screen's aftercare sheet: the note's aftercare advice and home exercises, plus
 * stretches picked from the owner's library, as a one-page PDF for the client. A copy is kept
 * on the client's record (Documents on the client page).
 */
export function AftercareCard({ noteId, clientId }: { noteId: number; clientId: number }) {
  const exercises = useExercises()
  const sheet = useAftercareSheet(clientId)
  const [picked, setPicked] = useState<number[]>([])
  const toggle = (id: number) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]))
  return (
    <section className="card" aria-labelledby="aftercare-title">
      <h2 id="aftercare-title">Aftercare sheet</h2>
      <p className="muted">
        Prints this note’s aftercare advice and home exercises, and the stretches you tick, on one
        page with the clinic’s details. A copy is kept on the client’s record.
      </p>
      {exercises.data?.length === 0 && (
        <p className="muted">The owner adds stretches under Settings → Exercises.</p>
      )}
      {exercises.data && exercises.data.length > 0 && (
        <fieldset className="exercise-picks">
          <legend>Stretches and exercises</legend>
          {exercises.data.map((ex) => (
            <label key={ex.id} className="check">
              <input
                type="checkbox"
                checked={picked.includes(ex.id)}
                onChange={() => toggle(ex.id)}
              />
              {ex.name}
              {ex.hasPicture ? ' (with picture)' : ''}
            </label>
          ))}
        </fieldset>
      )}
      {sheet.isError && (
        <p className="banner banner-error" role="alert">
          <Icon name="alert" /> {errorWords(sheet.error)}
        </p>
      )}
      {sheet.isSuccess && (
        <p className="banner banner-ok" role="status">
          Aftercare sheet made and kept on the record.
        </p>
      )}
      <button
        type="button"
        className="button primary"
        disabled={sheet.isPending}
        onClick={() => sheet.mutate({ noteId, exerciseIds: picked })}
      >
        <Icon name="download" size={16} />{' '}
        {sheet.isPending ? 'Making…' : 'Make aftercare sheet (PDF)'}
      </button>
    </section>
  )
}
