import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import type { Note, NoteContent } from '../../../../shared/contract/notes'
import { TECHNIQUES } from '../../../../shared/notes/body-regions'
import { api } from '../../api/client'
import { useDiscardDraft, useSignNote } from '../../api/notes'
import { Icon } from '../../components/Icon'
import { clientHref } from '../clients/client-route'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { BodyChartEditor } from './BodyChart'
import { useAutosave, type SaveState } from './use-autosave'

const STATE_LABEL: Record<SaveState, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes…',
  saving: 'Saving…',
  failed: 'Not saved',
}

function contentOf(note: Note): NoteContent {
  return {
    sections: Object.fromEntries(
      note.template.fields.map((f) => [f.id, note.sections[f.id] ?? '']),
    ),
    painBefore: note.painBefore,
    painAfter: note.painAfter,
    areas: note.areas,
    techniques: note.techniques,
    pressure: note.pressure,
    response: note.response,
    aftercare: note.aftercare,
    homeExercises: note.homeExercises,
    nextSession: note.nextSession,
    bodyMarks: note.bodyMarks,
  }
}

const painValue = (v: unknown): number | null =>
  v === '' || v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v)

/** Drafts save themselves as the therapist types; signing makes the note permanent. */
export function NoteEditor({ note, children }: { note: Note; children?: ReactNode }) {
  const { register, control, getValues, setValue } = useForm<NoteContent>({
    defaultValues: contentOf(note),
  })
  const autosave = useAutosave((content: NoteContent) =>
    api.call('notes.saveDraft', { id: note.id, content }),
  )
  const values = useWatch({ control })
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    autosave.changed(normalise(getValues()))
    // eslint-disable-next-line react-hooks/exhaustive-deps -- values is the trigger
  }, [values])
  const sign = useSignNote()
  const [confirming, setConfirming] = useState(false)
  const marks = useWatch({ control, name: 'bodyMarks' }) ?? []
  const techniques = useWatch({ control, name: 'techniques' }) ?? []

  const discard = useDiscardDraft()
  const [discarding, setDiscarding] = useState(false)

  async function discardNow() {
    // Nothing may be saved after the draft is gone (a late save would answer "no longer exists").
    await autosave.drop()
    discard.mutate(note, {
      onSuccess: () => window.location.replace(clientHref(note.clientId)),
    })
  }

  async function signNow() {
    if (!(await autosave.flush())) return
    sign.mutate(note.id)
  }

  return (
    <form className="note-editor" onSubmit={(e) => e.preventDefault()} aria-label="Treatment note">
      <div className={`autosave-state autosave-${autosave.state}`} role="status" aria-live="polite">
        <Icon name={autosave.state === 'failed' ? 'alert' : 'check'} size={14} />{' '}
        {STATE_LABEL[autosave.state]}
        {autosave.error ? `: ${autosave.error}` : ''}
      </div>

      <section className="card" aria-labelledby="pain-title">
        <h2 id="pain-title">Pain and body chart</h2>
        <div className="pain-row">
          <div className="field">
            <label htmlFor="pain-before">Pain before (0–10)</label>
            <input
              id="pain-before"
              type="number"
              min={0}
              max={10}
              step={1}
              inputMode="numeric"
              {...register('painBefore', { setValueAs: painValue })}
            />
          </div>
          <div className="field">
            <label htmlFor="pain-after">Pain after (0–10)</label>
            <input
              id="pain-after"
              type="number"
              min={0}
              max={10}
              step={1}
              inputMode="numeric"
              {...register('painAfter', { setValueAs: painValue })}
            />
          </div>
        </div>
        <BodyChartEditor
          marks={marks as NoteContent['bodyMarks']}
          onChange={(next) => setValue('bodyMarks', next, { shouldDirty: true })}
        />
      </section>

      <section className="card" aria-labelledby="sections-title">
        <h2 id="sections-title">{note.template.name}</h2>
        {note.template.fields.map((f) => (
          <div className="field" key={f.id}>
            <label htmlFor={`section-${f.id}`}>{f.label}</label>
            <textarea id={`section-${f.id}`} rows={3} {...register(`sections.${f.id}`)} />
            {f.hint && <p className="field-hint">{f.hint}</p>}
          </div>
        ))}
      </section>

      <section className="card" aria-labelledby="treatment-title">
        <h2 id="treatment-title">Treatment</h2>
        <div className="field">
          <label htmlFor="areas">Areas treated</label>
          <input id="areas" {...register('areas')} />
        </div>
        <fieldset className="technique-list">
          <legend>Techniques used</legend>
          {TECHNIQUES.map((t) => (
            <label key={t} className="checkbox-chip">
              <input
                type="checkbox"
                checked={techniques.includes(t)}
                onChange={(e) =>
                  setValue(
                    'techniques',
                    e.target.checked
                      ? [...techniques.filter((x): x is string => !!x), t]
                      : techniques.filter((x) => x !== t),
                    { shouldDirty: true },
                  )
                }
              />
              {t}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="pressure">Pressure</label>
          <input id="pressure" list="pressure-options" {...register('pressure')} />
          <datalist id="pressure-options">
            <option value="Light" />
            <option value="Medium" />
            <option value="Firm" />
            <option value="Deep" />
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="response">Client’s response</label>
          <textarea id="response" rows={2} {...register('response')} />
        </div>
        <div className="field">
          <label htmlFor="aftercare">Aftercare advice given</label>
          <textarea id="aftercare" rows={2} {...register('aftercare')} />
        </div>
        <div className="field">
          <label htmlFor="home-exercises">Home exercises</label>
          <textarea id="home-exercises" rows={2} {...register('homeExercises')} />
        </div>
        <div className="field">
          <label htmlFor="next-session">Recommended next session</label>
          <input id="next-session" {...register('nextSession')} />
        </div>
      </section>

      {children}

      <div className="note-actions">
        {sign.isError && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {sign.error.message}
          </div>
        )}
        {confirming ? (
          <div className="sign-confirm" role="group" aria-label="Confirm signing">
            <p>Once signed, this note cannot be changed; corrections become dated addenda.</p>
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              Keep editing
            </button>
            <button
              type="button"
              className="button primary"
              disabled={sign.isPending}
              onClick={() => void signNow()}
            >
              Sign note now
            </button>
          </div>
        ) : (
          <>
            <button
              type="button"
              className="button secondary danger-text"
              onClick={() => setDiscarding(true)}
            >
              Discard draft…
            </button>
            <button type="button" className="button primary" onClick={() => setConfirming(true)}>
              Sign note…
            </button>
          </>
        )}
      </div>
      {discarding && (
        <ConfirmDialog
          title="Discard this draft?"
          confirmLabel="Discard draft"
          cancelLabel="Keep the draft"
          danger
          busy={discard.isPending}
          onConfirm={() => void discardNow()}
          onCancel={() => setDiscarding(false)}
        >
          <p>
            The draft {note.template.name} note for {note.clientName}, everything typed in it and
            its attachments will be deleted. This cannot be undone.
          </p>
          <p className="muted">Only unsigned drafts can be discarded; signed notes are kept.</p>
          {discard.isError && (
            <div className="banner banner-error" role="alert">
              <Icon name="alert" /> {discard.error.message}
            </div>
          )}
        </ConfirmDialog>
      )}
    </form>
  )
}

/** Whatever the inputs hold, what main expects. */
function normalise(v: NoteContent): NoteContent {
  return {
    ...v,
    painBefore: painValue(v.painBefore),
    painAfter: painValue(v.painAfter),
    techniques: (v.techniques ?? []).filter(Boolean),
    bodyMarks: v.bodyMarks ?? [],
  }
}
