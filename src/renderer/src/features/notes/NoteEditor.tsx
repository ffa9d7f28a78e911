import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import type { Note, NoteContent } from '../../../../shared/contract/notes'
import { TECHNIQUES } from '../../../../shared/notes/body-regions'
import { api } from '../../api/client'
import { noteKey, useDiscardDraft, useSignNote } from '../../api/notes'
import { Icon } from '../../components/Icon'
import { clientHref } from '../clients/client-route'
import { setUnsaved, useLeaveGuard } from '../clients/unsaved-guard'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Field } from '../../components/Field'
import { BodyChartEditor } from './BodyChart'
import { holdBackInvalid, problemsFromServer, type FieldProblems } from './held-back-fields'
import { NoteConflictBanner } from './NoteConflictBanner'
import { useAutosave, type SaveState } from './use-autosave'
import { contentOf } from './note-content'
import { KeptNotePanel } from './KeptNotePanel'
import { errorWords } from '../../components/rpc-form-errors'

const STATE_LABEL: Record<SaveState, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes…',
  saving: 'Saving…',
  failed: 'Not saved',
  kept: 'Kept on this desk, saved when the host is back',
}

const painValue = (v: unknown): number | null =>
  v === '' || v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v)

/** Drafts save themselves as the therapist types; signing makes the note permanent. */
export function NoteEditor({ note, children }: { note: Note; children?: ReactNode }) {
  const { register, control, getValues, setValue, reset } = useForm<NoteContent>({
    defaultValues: contentOf(note),
  })
  const queryClient = useQueryClient()
  // The revision main last accepted from this screen: every save builds on it, so a save from
  // a screen that fell behind (the note saved elsewhere) is refused instead of written over.
  const revision = useRef(note.revision)
  const lastSaved = useRef(contentOf(note))
  const autosave = useAutosave(async (content: NoteContent) => {
    const saved = await api.call('notes.saveDraft', {
      id: note.id,
      baseRevision: revision.current,
      content,
    })
    revision.current = saved.revision
    lastSaved.current = content
    // The cached note is what the next visit to this note starts from: keep it current.
    queryClient.setQueryData<Note>(noteKey(note.id), (old) =>
      old ? { ...old, ...content, revision: saved.revision, updatedAt: saved.updatedAt } : old,
    )
  })
  const [problems, setProblems] = useState<FieldProblems>({})
  const values = useWatch({ control })
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    const { toSave, problems: held } = holdBackInvalid(normalise(getValues()), lastSaved.current)
    setProblems(held)
    autosave.changed(toSave)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- values is the trigger
  }, [values])
  const shown: FieldProblems = { ...problemsFromServer(autosave.fieldErrors), ...problems }
  const heldCount = Object.keys(shown).length
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

  // A held-back field (Pain after = 11) is not in the saved note: leaving by a link, Ctrl+K
  // or closing the window asks first, since its value is gone once the editor closes.
  useEffect(() => {
    if (heldCount === 0) return
    setUnsaved(
      'This note',
      `${heldCount === 1 ? 'A highlighted field is' : `${heldCount} highlighted fields are`} not saved and will be lost.`,
    )
    return () => setUnsaved(null)
  }, [heldCount])
  useLeaveGuard(heldCount > 0)

  const [signBlocked, setSignBlocked] = useState<string | null>(null)
  async function signNow() {
    // A held-back field is not in the saved note: signing now would sign without it.
    if (heldCount > 0) {
      setSignBlocked('Correct the highlighted fields before signing; they are not saved yet.')
      return
    }
    setSignBlocked(null)
    if (!(await autosave.flush())) return
    sign.mutate({ id: note.id, baseRevision: revision.current })
  }

  return (
    <form className="note-editor" onSubmit={(e) => e.preventDefault()} aria-label="Treatment note">
      {/* A sticky strip, not a floating pill: the note scrolls under it, never behind a badge. */}
      <div className="autosave-bar">
        <div
          className={`autosave-state autosave-${heldCount > 0 ? 'failed' : autosave.state}`}
          role="status"
          aria-live="polite"
        >
          <Icon
            name={
              autosave.state === 'failed' || autosave.state === 'kept' || heldCount > 0
                ? 'alert'
                : 'check'
            }
            size={14}
          />{' '}
          {heldCount > 0 && autosave.state === 'saved'
            ? 'Other changes saved'
            : STATE_LABEL[autosave.state]}
          {autosave.error && !autosave.conflict && autosave.state !== 'kept'
            ? `: ${autosave.error}`
            : ''}
          {heldCount > 0 &&
            ` · ${heldCount === 1 ? '1 field is' : `${heldCount} fields are`} not saved until corrected (highlighted)`}
        </div>
      </div>
      <KeptNotePanel
        note={note}
        saved={contentOf(note)}
        onUseKept={async (kept) => {
          // The author chose the desk's version: it goes on top of the note as it is now.
          reset(kept)
          autosave.changed(holdBackInvalid(normalise(kept), lastSaved.current).toSave)
          await autosave.flush()
        }}
      />
      {autosave.conflict && (
        <NoteConflictBanner
          note={note}
          message={autosave.error ?? ''}
          mine={() => normalise(getValues())}
          onKeepMine={async () => {
            // The therapist chose their screen over the other save: build on the newest revision.
            const latest = await api.call('notes.get', { id: note.id })
            revision.current = latest.revision
            autosave.changed(holdBackInvalid(normalise(getValues()), lastSaved.current).toSave)
            await autosave.flush()
          }}
          onLoadSaved={async () => {
            await autosave.drop()
            // The screen remounts from main's copy (NoteScreen waits for the fresh read).
            await queryClient.resetQueries({ queryKey: noteKey(note.id) })
          }}
        />
      )}

      <section className="card" aria-labelledby="pain-title">
        <h2 id="pain-title">Pain and body chart</h2>
        <div className="pain-row">
          <Field label="Pain before (0–10)" error={shown['painBefore']}>
            <input
              type="number"
              min={0}
              max={10}
              step={1}
              inputMode="numeric"
              {...register('painBefore', { setValueAs: painValue })}
            />
          </Field>
          <Field label="Pain after (0–10)" error={shown['painAfter']}>
            <input
              type="number"
              min={0}
              max={10}
              step={1}
              inputMode="numeric"
              {...register('painAfter', { setValueAs: painValue })}
            />
          </Field>
        </div>
        <BodyChartEditor
          marks={marks as NoteContent['bodyMarks']}
          onChange={(next) => setValue('bodyMarks', next, { shouldDirty: true })}
        />
        {shown['bodyMarks'] && (
          <p className="field-error" role="alert">
            Body chart: {shown['bodyMarks']}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="sections-title">
        <h2 id="sections-title">{note.template.name}</h2>
        {note.template.fields.map((f) => (
          <Field key={f.id} label={f.label} hint={f.hint} error={shown[`sections.${f.id}`]}>
            <textarea rows={3} {...register(`sections.${f.id}`)} />
          </Field>
        ))}
      </section>

      <section className="card" aria-labelledby="treatment-title">
        <h2 id="treatment-title">Treatment</h2>
        <Field label="Areas treated" error={shown['areas']}>
          <input {...register('areas')} />
        </Field>
        <fieldset className="technique-list">
          <legend>Techniques used</legend>
          {shown['techniques'] && (
            <p className="field-error" role="alert">
              {shown['techniques']}
            </p>
          )}
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
          <input
            id="pressure"
            list="pressure-options"
            aria-invalid={shown['pressure'] ? true : undefined}
            aria-describedby={shown['pressure'] ? 'pressure-error' : undefined}
            {...register('pressure')}
          />
          {shown['pressure'] && (
            <p className="field-error" id="pressure-error" role="alert">
              {shown['pressure']}
            </p>
          )}
          <datalist id="pressure-options">
            <option value="Light" />
            <option value="Medium" />
            <option value="Firm" />
            <option value="Deep" />
          </datalist>
        </div>
        <Field label="Client’s response" error={shown['response']}>
          <textarea rows={2} {...register('response')} />
        </Field>
        <Field label="Aftercare advice given" error={shown['aftercare']}>
          <textarea rows={2} {...register('aftercare')} />
        </Field>
        <Field label="Home exercises" error={shown['homeExercises']}>
          <textarea rows={2} {...register('homeExercises')} />
        </Field>
        <Field label="Recommended next session" error={shown['nextSession']}>
          <input {...register('nextSession')} />
        </Field>
      </section>

      {children}

      <div className="note-actions">
        {signBlocked && heldCount > 0 && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {signBlocked}
          </div>
        )}
        {sign.isError && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {errorWords(sign.error)}
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
              <Icon name="alert" /> {errorWords(discard.error)}
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
