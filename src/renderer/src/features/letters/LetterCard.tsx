import { useState } from 'react'
import { useLetterTemplates, useMakeLetter } from '../../api/letters'
import { Icon } from '../../components/Icon'
import { errorWords } from '../../components/rpc-form-errors'

/** On a signed note: a letter to the GP or another clinician from one of the owner's templates. */
export function LetterCard({ noteId, clientId }: { noteId: number; clientId: number }) {
  const templates = useLetterTemplates()
  const make = useMakeLetter(clientId)
  const [chosen, setChosen] = useState<number | null>(null)
  const templateId = chosen ?? templates.data?.[0]?.id ?? null
  if (!templates.data || templates.data.length === 0) return null
  return (
    <section className="card" aria-labelledby="letter-title">
      <h2 id="letter-title">Letter</h2>
      <p className="muted">
        Fills the template from the client’s record, this signed note and your professional details;
        a copy is kept on the client’s record.
      </p>
      <div className="field">
        <label htmlFor="letter-template">Letter template</label>
        <select
          id="letter-template"
          value={templateId ?? ''}
          onChange={(e) => setChosen(Number(e.target.value))}
        >
          {templates.data.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      {make.isError && (
        <p className="banner banner-error" role="alert">
          <Icon name="alert" /> {errorWords(make.error)}
        </p>
      )}
      {make.isSuccess && (
        <p
          className={`banner ${make.data.empty.length ? 'banner-warn' : 'banner-ok'}`}
          role="status"
        >
          Letter written and kept on the record.
          {make.data.empty.length > 0 &&
            ` Left blank, as the record has nothing for them: ${make.data.empty.join('; ')}.`}
        </p>
      )}
      <button
        type="button"
        className="button primary"
        disabled={make.isPending || templateId === null}
        onClick={() => templateId !== null && make.mutate({ noteId, templateId })}
      >
        <Icon name="download" size={16} /> {make.isPending ? 'Writing…' : 'Write letter (PDF)'}
      </button>
    </section>
  )
}
