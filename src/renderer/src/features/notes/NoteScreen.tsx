import './notes.css'
import { formatInstant } from '../../clinic-time'
import { useState } from 'react'
import type { Note } from '../../../../shared/contract/notes'
import {
  downloadNotesPdf,
  useAddAddendum,
  useNote,
  useNoteForAppointment,
  useNoteTemplates,
  useStartNote,
} from '../../api/notes'
import { Icon } from '../../components/Icon'
import { clientHref } from '../clients/client-route'
import { BodyChartView, MarkLegend, describeMark } from './BodyChart'
import { AttachmentList, AttachmentsEditor } from './NoteAttachments'
import { NoteEditor } from './NoteEditor'
import { MeasuresPanel } from '../measures/MeasuresPanel'
import { AftercareCard } from '../documents/AftercareCard'
import { LetterCard } from '../letters/LetterCard'
import { errorWords } from '../../components/rpc-form-errors'

export const noteHref = (clientId: number, noteId: number) =>
  `#/clients/${clientId}/notes/${noteId}`
export const newNoteHref = (clientId: number, appointmentId?: number) =>
  `#/clients/${clientId}/notes/new${appointmentId ? `/${appointmentId}` : ''}`

export const longWhen = (iso: string) => formatInstant(iso, "EEE d MMM yyyy 'at' HH:mm")

/** #/clients/42/notes/17: the editor while it is the author's draft, the record once signed. */
export function NoteScreen({ clientId, noteId }: { clientId: number; noteId: number }) {
  const note = useNote(noteId)
  // The editor starts from what it is given: never give it a cached copy main has not confirmed.
  if (note.isPending || (note.isFetching && !note.isFetchedAfterMount)) {
    return <p className="muted">Opening the note…</p>
  }
  if (note.isError) {
    return (
      <div className="banner banner-error" role="alert">
        <Icon name="alert" /> {errorWords(note.error)}
      </div>
    )
  }
  const n = note.data
  return (
    <>
      <header className="page-header client-header">
        <div>
          <p className="breadcrumb">
            <a href="#/clients">Clients</a> / <a href={clientHref(clientId)}>{n.clientName}</a>
          </p>
          <h1>
            {n.template.name}: {n.clientName}
          </h1>
          <p className="page-subtitle">
            {longWhen(n.sessionAt)} · {n.therapistName ?? n.author.name}
            {n.signed ? ' · Signed' : ' · Draft'}
          </p>
        </div>
        <div className="header-actions">
          <ExportButton input={{ noteId: n.id }} label="Export PDF" />
        </div>
      </header>
      {n.editable ? (
        <NoteEditor key={n.id} note={n}>
          <AttachmentsEditor note={n} />
        </NoteEditor>
      ) : (
        <NoteView note={n} />
      )}
      <div className="note-extras">
        <MeasuresPanel
          visit={{ clientId: n.clientId, appointmentId: n.appointmentId, takenAt: n.sessionAt }}
        />
        <AftercareCard noteId={n.id} clientId={n.clientId} />
        {n.signed && <LetterCard noteId={n.id} clientId={n.clientId} />}
      </div>
    </>
  )
}

export function ExportButton({
  input,
  label,
}: {
  input: { noteId: number } | { clientId: number }
  label: string
}) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  })
  return (
    <>
      <button
        type="button"
        className="button secondary"
        disabled={state.busy}
        onClick={() => {
          setState({ busy: true, error: null })
          downloadNotesPdf(input).then(
            () => setState({ busy: false, error: null }),
            (e: unknown) =>
              setState({ busy: false, error: e instanceof Error ? e.message : String(e) }),
          )
        }}
      >
        <Icon name="download" size={16} /> {state.busy ? 'Exporting…' : label}
      </button>
      {state.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
    </>
  )
}

function Labelled({ label, value }: { label: string; value: string }) {
  if (value.trim() === '') return null
  return (
    <div className="note-field">
      <h3>{label}</h3>
      <p>{value}</p>
    </div>
  )
}

/** A signed note (or someone else's draft), read only, with its addenda. */
export function NoteView({ note }: { note: Note }) {
  return (
    <div className="note-view">
      {note.signed ? (
        <div className="banner banner-info" role="status">
          <Icon name="lock" /> Signed by {note.signed.by.name} on {longWhen(note.signed.at)}. A
          signed note cannot be changed; add an addendum to correct or add to it.
        </div>
      ) : (
        <div className="banner banner-info" role="status">
          <Icon name="info" /> Draft by {note.author.name}, not yet signed.
        </div>
      )}
      <section className="card" aria-labelledby="view-pain-title">
        <h2 id="view-pain-title">Pain and body chart</h2>
        <p className="pain-scores">
          Pain before <strong>{note.painBefore ?? '–'}</strong> · after{' '}
          <strong>{note.painAfter ?? '–'}</strong> (0–10)
        </p>
        {note.bodyMarks.length > 0 ? (
          <>
            <BodyChartView
              marks={note.bodyMarks}
              width={300}
              label={`Body chart: ${note.bodyMarks.map(describeMark).join('; ')}`}
            />
            <MarkLegend />
            <ul className="mark-list">
              {note.bodyMarks.map((m, i) => (
                <li key={i}>{describeMark(m)}</li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">No marks on the body chart.</p>
        )}
      </section>
      <section className="card" aria-labelledby="view-sections-title">
        <h2 id="view-sections-title">{note.template.name}</h2>
        {note.template.fields.map((f) => (
          <Labelled key={f.id} label={f.label} value={note.sections[f.id] ?? ''} />
        ))}
        <Labelled label="Areas treated" value={note.areas} />
        <Labelled label="Techniques used" value={note.techniques.join(', ')} />
        <Labelled label="Pressure" value={note.pressure} />
        <Labelled label="Client’s response" value={note.response} />
        <Labelled label="Aftercare advice given" value={note.aftercare} />
        <Labelled label="Home exercises" value={note.homeExercises} />
        <Labelled label="Recommended next session" value={note.nextSession} />
      </section>
      {note.attachments.length > 0 && (
        <section className="card" aria-labelledby="view-attachments-title">
          <h2 id="view-attachments-title">Attachments</h2>
          <AttachmentList note={note} />
        </section>
      )}
      {note.signed && <Addenda note={note} />}
    </div>
  )
}

function Addenda({ note }: { note: Note }) {
  const add = useAddAddendum()
  const [body, setBody] = useState('')
  return (
    <section className="card" aria-labelledby="addenda-title">
      <h2 id="addenda-title">Addenda</h2>
      {note.addenda.length === 0 ? (
        <p className="muted">No addenda.</p>
      ) : (
        <ol className="addenda">
          {note.addenda.map((a) => (
            <li key={a.id}>
              <p className="addendum-meta">
                {a.author.name} · signed {longWhen(a.signedAt)}
              </p>
              <p>{a.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form
        className="addendum-form"
        onSubmit={(e) => {
          e.preventDefault()
          add.mutate({ noteId: note.id, body }, { onSuccess: () => setBody('') })
        }}
      >
        <div className="field">
          <label htmlFor="addendum">New addendum</label>
          <textarea id="addendum" rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
          <p className="field-hint">Signed with your name and the time when you add it.</p>
        </div>
        {add.isError && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {errorWords(add.error)}
          </div>
        )}
        <button type="submit" className="button primary" disabled={add.isPending || !body.trim()}>
          Add signed addendum
        </button>
      </form>
    </section>
  )
}

/** #/clients/42/notes/new[/appointmentId]: pick a template, or continue the appointment's note. */
export function StartNote({
  clientId,
  appointmentId,
}: {
  clientId: number
  appointmentId?: number
}) {
  const existing = useNoteForAppointment(appointmentId ?? 0)
  const templates = useNoteTemplates()
  const start = useStartNote()
  const go = (note: Note) => window.location.replace(noteHref(note.clientId, note.id))
  if (appointmentId && existing.data) {
    return (
      <div className="card">
        <p>This appointment already has a note.</p>
        <a className="button primary" href={noteHref(clientId, existing.data.id)}>
          Open the note
        </a>
      </div>
    )
  }
  return (
    <>
      <header className="page-header">
        <p className="breadcrumb">
          <a href="#/clients">Clients</a> / <a href={clientHref(clientId)}>Client</a>
        </p>
        <h1>Write a treatment note</h1>
        <p className="page-subtitle">Choose the template for this session.</p>
      </header>
      <section className="card template-choice" aria-label="Templates">
        {templates.data?.map((t) => (
          <button
            key={t.id}
            type="button"
            className="template-option"
            disabled={start.isPending}
            onClick={() =>
              start.mutate(
                { clientId, templateId: t.id, ...(appointmentId ? { appointmentId } : {}) },
                { onSuccess: go },
              )
            }
          >
            <strong>{t.name}</strong>
            <span>{t.description}</span>
          </button>
        ))}
        {start.isError && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {errorWords(start.error)}
          </div>
        )}
      </section>
    </>
  )
}
