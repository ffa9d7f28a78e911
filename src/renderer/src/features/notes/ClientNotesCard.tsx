import { useDeferredValue, useState } from 'react'
import type { NoteSummary } from '../../../../shared/contract/notes'
import { useAuthStatus } from '../../api/auth'
import { useClientNotes, useNoteProgress, useNoteSearch } from '../../api/notes'
import { Icon } from '../../components/Icon'
import { BodyChartView, describeMark } from './BodyChart'
import { ExportButton, longWhen, newNoteHref, noteHref } from './NoteScreen'
import { PainChart } from './PainChart'
import { errorWords } from '../../components/rpc-form-errors'

/** The client page's notes: newest first; reception sees only that notes exist. */
export function ClientNotesCard({ clientId }: { clientId: number }) {
  const role = useAuthStatus().data?.user?.role
  const clinical = role === 'owner' || role === 'therapist'
  const notes = useClientNotes(clientId)
  const [query, setQuery] = useState('')
  const deferred = useDeferredValue(query)
  const search = useNoteSearch(clientId, clinical ? deferred : '')
  const [showProgress, setShowProgress] = useState(false)
  const progress = useNoteProgress(clientId, clinical && showProgress)

  return (
    <section className="card span-2" aria-labelledby="notes-title">
      <div className="card-head">
        <h2 id="notes-title">Treatment notes</h2>
        {clinical && (
          <div className="header-actions">
            <a className="button primary" href={newNoteHref(clientId)}>
              <Icon name="plus" size={16} /> Write note
            </a>
            {(notes.data?.length ?? 0) > 0 && (
              <ExportButton input={{ clientId }} label="Export all to PDF" />
            )}
          </div>
        )}
      </div>
      {!clinical && (
        <p className="muted">
          <Icon name="lock" size={14} /> Note content is visible to therapists and the owner only.
        </p>
      )}
      {clinical && (notes.data?.length ?? 0) > 0 && (
        <div className="notes-tools">
          <div className="field">
            <label htmlFor="note-search">Search this client’s notes</label>
            <input
              id="note-search"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="e.g. hamstring"
            />
          </div>
          <button
            type="button"
            className="button secondary"
            aria-expanded={showProgress}
            onClick={() => setShowProgress((s) => !s)}
          >
            {showProgress ? 'Hide progress' : 'Show progress'}
          </button>
        </div>
      )}
      {showProgress && progress.data && (
        <div className="progress-panel">
          <PainChart points={progress.data} />
          <h3>Body chart over sessions</h3>
          <ol className="marks-over-time">
            {progress.data.map((p) => (
              <li key={p.id}>
                <BodyChartView
                  marks={p.bodyMarks}
                  width={110}
                  label={`${longWhen(p.sessionAt)}: ${
                    p.bodyMarks.length > 0 ? p.bodyMarks.map(describeMark).join('; ') : 'no marks'
                  }`}
                />
                <span>{longWhen(p.sessionAt).replace(/ at .*/, '')}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
      {query.trim() !== '' && search.data && (
        <div className="note-search-results" role="region" aria-label="Search results">
          {search.data.length === 0 ? (
            <p className="muted">No notes mention “{query.trim()}”.</p>
          ) : (
            <ul>
              {search.data.map((h) => (
                <li key={h.id}>
                  <a href={noteHref(clientId, h.id)}>{longWhen(h.sessionAt)}</a>
                  <p className="snippet">{h.snippet.replace(/\[|\]/g, '')}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {notes.isError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {errorWords(notes.error)}
        </div>
      )}
      {notes.data?.length === 0 && <p className="muted">No treatment notes yet.</p>}
      {notes.data && notes.data.length > 0 && (
        <ul className="note-list">
          {notes.data.map((n) => (
            <NoteRow key={n.id} note={n} />
          ))}
        </ul>
      )}
    </section>
  )
}

function NoteRow({ note }: { note: NoteSummary }) {
  const title = (
    <>
      <strong>{note.templateName}</strong> · {longWhen(note.sessionAt)}
    </>
  )
  return (
    <li className="note-row">
      {note.readable && note.bodyMarks && (
        <BodyChartView
          marks={note.bodyMarks}
          width={96}
          label={
            note.bodyMarks.length > 0
              ? `Body chart: ${note.bodyMarks.map(describeMark).join('; ')}`
              : 'Body chart: no marks'
          }
        />
      )}
      <div>
        <p>{note.readable ? <a href={noteHref(note.clientId, note.id)}>{title}</a> : title}</p>
        <p className="muted">
          {note.therapistName ?? note.author.name}
          {note.signedAt ? ' · Signed' : ' · Draft'}
          {note.readable && note.addendaCount ? ` · ${note.addendaCount} addenda` : ''}
        </p>
        {note.readable && (note.painBefore != null || note.painAfter != null) && (
          <p className="pain-scores">
            Pain {note.painBefore ?? '–'} → {note.painAfter ?? '–'}
          </p>
        )}
        {!note.readable && <p className="muted">Content not shown to you.</p>}
      </div>
    </li>
  )
}
