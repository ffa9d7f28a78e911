import { useState } from 'react'
import type { Revisioned } from '../../../../shared/contract/revisions'
import type { ClientSettings } from '../../../../shared/contract/clients'
import { RpcError } from '../../../../shared/rpc'
import { useClientSettings, useUpdateClientSettings } from '../../api/clients'
import { Field } from '../../components/Field'
import { Icon } from '../../components/Icon'
import { errorWords } from '../../components/rpc-form-errors'
import { formMessageFor, placeServerErrors } from '../../components/place-server-errors'

/** Settings › Client records: how often health answers are reviewed, where clients come from. */
export function ClientSettingsCard() {
  const settings = useClientSettings()
  if (!settings.data) return null
  return <ClientSettingsForm key={JSON.stringify(settings.data)} saved={settings.data} />
}

const FIELDS = ['questionnaireReviewMonths', 'referralSources']

function ClientSettingsForm({ saved }: { saved: Revisioned<ClientSettings> }) {
  const update = useUpdateClientSettings()
  const [months, setMonths] = useState(String(saved.questionnaireReviewMonths))
  const [sources, setSources] = useState(saved.referralSources.join('\n'))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault()
    setErrors({})
    setMessage(null)
    try {
      await update.mutateAsync({
        // The form remounts with each saved version (its key), so this is what it shows.
        baseRevision: saved.revision,
        questionnaireReviewMonths: Number(months),
        referralSources: sources
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      })
      setMessage('Saved')
    } catch (error) {
      if (!(error instanceof RpcError)) return setMessage(errorWords(error, 'Saving failed.'))
      // The same placement as the react-hook-form forms: on the two fields, or in words.
      const result = placeServerErrors(error.fieldErrors, (name) => FIELDS.includes(name))
      setErrors(Object.fromEntries(result.placed.map((p) => [p.name, p.message])))
      setMessage(formMessageFor(error.message, result))
    }
  }

  return (
    <form
      className="card form client-settings"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="client-settings-title"
    >
      <div className="card-head">
        <h2 id="client-settings-title">Client records</h2>
        {message && (
          <span className="save-state" role="status">
            {message === 'Saved' && <Icon name="check" size={14} />}
            {message}
          </span>
        )}
      </div>
      <div className="form-grid">
        <Field
          label="Review health questionnaires every (months)"
          hint="A client's answers show “review due” after this long"
          error={errors['questionnaireReviewMonths']}
        >
          <input
            type="number"
            min={1}
            max={60}
            value={months}
            onChange={(e) => setMonths(e.target.value)}
          />
        </Field>
        <Field
          label="Referral sources"
          hint="One per line; offered when adding a client"
          error={errors['referralSources']}
        >
          <textarea rows={5} value={sources} onChange={(e) => setSources(e.target.value)} />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save client settings'}
        </button>
      </div>
    </form>
  )
}
