import { useState } from 'react'
import type { LetterTemplate } from '../../../../shared/contract/letters'
import { letterTemplateInput } from '../../../../shared/contract/letters'
import { LETTER_PLACEHOLDERS } from '../../../../shared/letters/placeholders'
import { useLetterTemplates, useSaveLetterTemplate } from '../../api/letters'
import { RpcError } from '../../../../shared/rpc'
import { EditableList } from '../../components/EditableList'
import { Field } from '../../components/Field'
import { errorWords } from '../../components/rpc-form-errors'
import { fieldErrorsOf } from '../../components/field-errors-of'
import { FormActions } from '../../components/FormActions'

/** Settings → Letters (owner): letter templates with {{placeholders}}. */
export function LettersSection() {
  const templates = useLetterTemplates(true)
  const [editing, setEditing] = useState<LetterTemplate | 'new' | null>(null)
  return (
    <section className="card" aria-labelledby="letters-title">
      <div className="card-head">
        <h2 id="letters-title">Letter templates</h2>
        <button type="button" className="button primary" onClick={() => setEditing('new')}>
          Add a letter template
        </button>
      </div>
      {editing && (
        <LetterForm
          key={editing === 'new' ? 'new' : editing.id}
          template={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      <EditableList items={templates.data} onChange={(t) => setEditing(t)} />
      <details>
        <summary>Placeholders you can use</summary>
        <dl className="facts">
          {Object.entries(LETTER_PLACEHOLDERS).map(([name, words]) => (
            <div key={name}>
              <dt>
                <code>{`{{${name}}}`}</code>
              </dt>
              <dd>{words}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  )
}

function LetterForm({ template, onDone }: { template: LetterTemplate | null; onDone(): void }) {
  const save = useSaveLetterTemplate()
  const [name, setName] = useState(template?.name ?? '')
  const [body, setBody] = useState(template?.body ?? '')
  const [active, setActive] = useState(template?.active ?? true)
  const [errors, setErrors] = useState<Record<string, string>>({})
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        const input = { ...(template ? { id: template.id } : {}), name, body, active }
        const checked = letterTemplateInput.safeParse(input)
        setErrors(fieldErrorsOf(checked))
        if (!checked.success) return
        save.mutate(input, {
          onSuccess: onDone,
          onError: (err) =>
            setErrors(
              err instanceof RpcError && err.fieldErrors.length > 0
                ? Object.fromEntries(err.fieldErrors.map((f) => [f.path, f.message]))
                : { body: errorWords(err) },
            ),
        })
      }}
    >
      <Field label="Template name" error={errors['name']}>
        <input type="text" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field
        label="Letter"
        hint="Placeholders in double braces, e.g. {{gp.name}}"
        error={errors['body']}
      >
        <textarea rows={14} value={body} onChange={(e) => setBody(e.target.value)} />
      </Field>
      <label className="check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        Offered to therapists
      </label>
      <FormActions onLeave={onDone} submit="Save letter template" busy={save.isPending} />
    </form>
  )
}
