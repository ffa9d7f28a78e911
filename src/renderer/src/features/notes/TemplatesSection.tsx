import '../diary/diary.css'
import type { Revisioned } from '../../../../shared/contract/revisions'
import { useBaseRevision } from '../../components/use-base-revision'
import './notes.css'
import { useState } from 'react'
import { useFieldArray, useForm } from 'react-hook-form'
import type { NoteTemplate } from '../../../../shared/contract/notes'
import { useDeleteTemplate, useNoteTemplates, useSaveTemplate } from '../../api/notes'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { Icon } from '../../components/Icon'
import { useFormError } from '../../components/rpc-form-errors'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { errorWords } from '../../components/rpc-form-errors'
import { useFormGuard } from '../shell/use-form-guard'
import { FormActions } from '../../components/FormActions'

interface FormValues {
  name: string
  description: string
  active: boolean
  fields: { id: string; label: string; hint: string }[]
}

/** "Pain on stairs" -> "pain_on_stairs": ids are made from labels so the owner never types one. */
function idFrom(label: string, taken: Set<string>): string {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(\d)/, 'f_$1')
      .slice(0, 30) || 'field'
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`
  return id
}

/** Settings → Note templates: templates are data the owner edits, no code. */
export function TemplatesSection() {
  const templates = useNoteTemplates(true)
  const [editing, setEditing] = useState<Revisioned<NoteTemplate> | 'new' | null>(null)
  const [removing, setRemoving] = useState<NoteTemplate | null>(null)
  const [done, setDone] = useState<string | null>(null)
  return (
    <div className="stack">
      <section className="card" aria-labelledby="templates-title">
        <div className="card-head">
          <h2 id="templates-title">Note templates</h2>
          <button type="button" className="button secondary" onClick={() => setEditing('new')}>
            Add template
          </button>
        </div>
        <p className="muted">
          Every template also has pain scores, the body chart, techniques, aftercare and next
          session. Notes keep the fields they were written with when a template changes.
        </p>
        {done && (
          <div className="banner banner-info" role="status">
            <Icon name="check" /> {done}
          </div>
        )}
        <ul className="plain-list">
          {templates.data?.map((t) => (
            <li key={t.id}>
              <span className={t.active ? undefined : 'muted'}>
                <strong>{t.name}</strong> · {t.fields.length} field
                {t.fields.length === 1 ? '' : 's'}
                {!t.active && ' (not offered)'}
              </span>
              <span className="template-row-actions">
                <button
                  type="button"
                  className="button small secondary"
                  onClick={() => setEditing(t)}
                  aria-label={`Edit ${t.name}`}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="button small secondary danger-text"
                  onClick={() => setRemoving(t)}
                  aria-label={`Delete ${t.name}`}
                >
                  Delete…
                </button>
              </span>
            </li>
          ))}
        </ul>
      </section>
      {editing && (
        <TemplateForm
          key={editing === 'new' ? 'new' : editing.id}
          template={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {removing && (
        <DeleteTemplate
          template={removing}
          onClose={() => setRemoving(null)}
          onDone={(message) => {
            if (editing !== 'new' && editing?.id === removing.id) setEditing(null)
            setRemoving(null)
            setDone(message)
          }}
        />
      )}
    </div>
  )
}

/**
 * Deleting asks first. Main decides: a template notes were written on is retired rather than
 * deleted, so those notes keep it and it is simply no longer offered.
 */
function DeleteTemplate({
  template,
  onClose,
  onDone,
}: {
  template: NoteTemplate
  onClose(): void
  onDone(message: string): void
}) {
  const remove = useDeleteTemplate()
  return (
    <ConfirmDialog
      title={`Delete “${template.name}”?`}
      confirmLabel="Delete template"
      cancelLabel="Keep the template"
      danger
      busy={remove.isPending}
      onCancel={onClose}
      onConfirm={() =>
        remove.mutate(template.id, {
          onSuccess: ({ outcome }) =>
            onDone(
              outcome === 'deleted'
                ? `Deleted “${template.name}”.`
                : `Retired “${template.name}”: notes were written on it, so they keep it, but it is no longer offered for new notes.`,
            ),
        })
      }
    >
      <p>
        If no note has been written on this template it is deleted. If notes have, it is retired
        instead: no longer offered for new notes, while those notes keep it.
      </p>
      {remove.isError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {errorWords(remove.error)}
        </div>
      )}
    </ConfirmDialog>
  )
}

function TemplateForm({
  template,
  onDone,
}: {
  template: Revisioned<NoteTemplate> | null
  onDone(): void
}) {
  const base = useBaseRevision(template?.revision)
  const save = useSaveTemplate()
  const { register, control, handleSubmit, setError, formState, reset, getValues } =
    useForm<FormValues>({
      defaultValues: template
        ? {
            name: template.name,
            description: template.description,
            active: template.active,
            fields: template.fields.map((f) => ({ id: f.id, label: f.label, hint: f.hint ?? '' })),
          }
        : { name: '', description: '', active: true, fields: [{ id: '', label: '', hint: '' }] },
    })
  useFormGuard({ formState, reset, getValues }, 'the note template')
  const fields = useFieldArray({ control, name: 'fields' })
  const { formError, attempt } = useFormError({ setError, control })
  const submit = handleSubmit((v) =>
    attempt(async () => {
      const taken = new Set(v.fields.map((f) => f.id).filter(Boolean))
      await save.mutateAsync({
        ...(template ? { id: template.id, baseRevision: base.get() } : {}),
        name: v.name,
        description: v.description,
        active: v.active,
        fields: v.fields.map((f) => {
          const id = f.id || idFrom(f.label, taken)
          taken.add(id)
          return { id, label: f.label, ...(f.hint.trim() ? { hint: f.hint } : {}) }
        }),
      })
      onDone()
    }),
  )
  return (
    <section className="card" aria-labelledby="template-form-title">
      <h2 id="template-form-title">{template ? `Edit ${template.name}` : 'New template'}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorBanner message={formError} />
        <Field label="Name" error={formState.errors.name?.message}>
          <input {...register('name', { required: 'Name the template' })} />
        </Field>
        <Field label="Description" error={formState.errors.description?.message}>
          <input {...register('description')} />
        </Field>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" {...register('active')} /> Offer this template for new notes
          </label>
        </div>
        <fieldset className="template-fields">
          <legend>Fields</legend>
          {formState.errors.fields?.message && (
            <p className="field-error" role="alert">
              {formState.errors.fields.message}
            </p>
          )}
          <ol>
            {fields.fields.map((f, i) => (
              <li key={f.id}>
                <Field
                  label={`Field ${i + 1} label`}
                  error={formState.errors.fields?.[i]?.label?.message}
                >
                  <input
                    {...register(`fields.${i}.label`, { required: 'Give the field a label' })}
                  />
                </Field>
                <Field
                  label={`Field ${i + 1} hint (optional)`}
                  error={formState.errors.fields?.[i]?.hint?.message}
                >
                  <input {...register(`fields.${i}.hint`)} />
                </Field>
                <div className="template-field-actions">
                  <button
                    type="button"
                    className="button small secondary"
                    disabled={i === 0}
                    onClick={() => fields.move(i, i - 1)}
                  >
                    Move up
                  </button>
                  <button
                    type="button"
                    className="button small secondary"
                    disabled={fields.fields.length === 1}
                    onClick={() => fields.remove(i)}
                  >
                    Remove
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button secondary"
            onClick={() => fields.append({ id: '', label: '', hint: '' })}
          >
            Add field
          </button>
        </fieldset>
        <FormActions onLeave={onDone} submit="Save template" busy={save.isPending} />
      </form>
    </section>
  )
}
