import { useState } from 'react'
import type { Exercise } from '../../../../shared/contract/exercises'
import { exerciseInput } from '../../../../shared/contract/exercises'
import { useExercises, useSaveExercise } from '../../api/exercises'
import { base64Of } from '../../api/file-base64'
import { EditableList } from '../../components/EditableList'
import { Field } from '../../components/Field'
import { errorWords } from '../../components/rpc-form-errors'
import { fieldErrorsOf } from '../../components/field-errors-of'
import { FormActions } from '../../components/FormActions'

/** Settings → Exercises (owner): the library therapists pick aftercare stretches from. */
export function ExercisesSection() {
  const exercises = useExercises(true)
  const [editing, setEditing] = useState<Exercise | 'new' | null>(null)
  return (
    <section className="card" aria-labelledby="exercises-title">
      <div className="card-head">
        <h2 id="exercises-title">Exercises</h2>
        <button type="button" className="button primary" onClick={() => setEditing('new')}>
          Add an exercise
        </button>
      </div>
      <p className="muted">
        Stretches and home exercises therapists can put on a client’s aftercare sheet: a name, plain
        instructions, and a picture if you have one (PNG or JPEG).
      </p>
      {editing && (
        <ExerciseForm
          key={editing === 'new' ? 'new' : editing.id}
          exercise={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {exercises.data?.length === 0 && <p className="muted">No exercises yet.</p>}
      <EditableList
        items={exercises.data}
        note={(ex) => ex.hasPicture && <span className="muted"> · picture</span>}
        onChange={(ex) => setEditing(ex)}
      />
    </section>
  )
}

function ExerciseForm({ exercise, onDone }: { exercise: Exercise | null; onDone(): void }) {
  const save = useSaveExercise()
  const [name, setName] = useState(exercise?.name ?? '')
  const [instructions, setInstructions] = useState(exercise?.instructions ?? '')
  const [active, setActive] = useState(exercise?.active ?? true)
  const [file, setFile] = useState<File | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  return (
    <form
      className="exercise-form"
      onSubmit={(e) => {
        e.preventDefault()
        void (async () => {
          const input = {
            ...(exercise ? { id: exercise.id } : {}),
            name,
            instructions,
            active,
            ...(file ? { picture: { filename: file.name, base64: await base64Of(file) } } : {}),
          }
          const checked = exerciseInput.safeParse(input)
          setErrors(fieldErrorsOf(checked))
          if (!checked.success) return
          try {
            await save.mutateAsync(input)
            onDone()
          } catch (err) {
            setErrors({ picture: errorWords(err) })
          }
        })()
      }}
    >
      <Field label="Exercise name" error={errors['name']}>
        <input type="text" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Instructions" error={errors['instructions']}>
        <textarea
          rows={4}
          value={instructions}
          maxLength={1500}
          onChange={(e) => setInstructions(e.target.value)}
        />
      </Field>
      <Field label="Picture (optional, PNG or JPEG)" error={errors['picture']}>
        <input
          type="file"
          accept="image/png,image/jpeg"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </Field>
      <label className="check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        Offered to therapists
      </label>
      <FormActions onLeave={onDone} submit="Save exercise" busy={save.isPending} />
    </form>
  )
}
