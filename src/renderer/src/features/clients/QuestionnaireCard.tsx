import { useState } from 'react'
import type { ClientRecord, QuestionnaireInput } from '../../../../shared/contract/clients'
import {
  ALLERGIES,
  CONDITIONS,
  conditionOf,
  allergyLabel,
  type AllergyCode,
  type ConditionCode,
} from '../../../../shared/clients/health'
import { useSaveQuestionnaire } from '../../api/clients'
import { Icon } from '../../components/Icon'
import { ukDate, ukDateTime } from './format'
import { errorWords } from '../../components/rpc-form-errors'

/** The latest health answers, and a form that records a new version (the old ones are kept). */
export function QuestionnaireCard({ client }: { client: ClientRecord }) {
  const [editing, setEditing] = useState(false)
  const q = client.questionnaire
  return (
    <section className="card span-2" aria-labelledby="health-title">
      <div className="card-head">
        <h2 id="health-title">Health questionnaire</h2>
        {q && (
          <span className={q.reviewDue ? 'pill pill-warn' : 'pill'}>
            {q.reviewDue
              ? `Review due since ${ukDate(q.reviewDueOn)}`
              : `Next review ${ukDate(q.reviewDueOn)}`}
          </span>
        )}
      </div>
      {editing ? (
        <QuestionnaireForm client={client} onDone={() => setEditing(false)} />
      ) : (
        <>
          {q ? (
            <dl className="facts">
              <dt>Conditions</dt>
              <dd>
                {q.conditions.length === 0 && !q.otherConditions
                  ? 'None reported'
                  : [
                      ...q.conditions.map(
                        (c) => conditionOf(c.code).label + (c.detail ? ` (${c.detail})` : ''),
                      ),
                      ...(q.otherConditions ? [q.otherConditions] : []),
                    ].join('; ')}
              </dd>
              <dt>Medications</dt>
              <dd>{q.medications || 'None reported'}</dd>
              <dt>Allergies</dt>
              <dd>
                {[
                  ...q.allergies.map(allergyLabel),
                  ...(q.otherAllergies ? [q.otherAllergies] : []),
                ].join('; ') || 'None reported'}
              </dd>
              <dt>Answered</dt>
              <dd>
                {ukDateTime(q.answeredAt)}
                {q.recordedBy ? `, recorded by ${q.recordedBy}` : ''} · version {q.version} of{' '}
                {client.questionnaireVersions}
              </dd>
            </dl>
          ) : (
            <p className="muted">
              No health questionnaire yet. Record one before the first treatment.
            </p>
          )}
          {!client.mergedIntoId && (
            <button type="button" className="button secondary" onClick={() => setEditing(true)}>
              {q ? 'Review answers (new version)' : 'Record answers'}
            </button>
          )}
        </>
      )}
    </section>
  )
}

function QuestionnaireForm({ client, onDone }: { client: ClientRecord; onDone(): void }) {
  const previous = client.questionnaire
  const [conditions, setConditions] = useState<Map<ConditionCode, string>>(
    () => new Map(previous?.conditions.map((c) => [c.code, c.detail]) ?? []),
  )
  const [allergies, setAllergies] = useState<Set<AllergyCode>>(
    () => new Set(previous?.allergies ?? []),
  )
  const [otherConditions, setOtherConditions] = useState(previous?.otherConditions ?? '')
  const [medications, setMedications] = useState(previous?.medications ?? '')
  const [otherAllergies, setOtherAllergies] = useState(previous?.otherAllergies ?? '')
  const [error, setError] = useState<string | null>(null)
  const save = useSaveQuestionnaire()

  const toggleCondition = (code: ConditionCode, on: boolean) => {
    const next = new Map(conditions)
    if (on) next.set(code, next.get(code) ?? '')
    else next.delete(code)
    setConditions(next)
  }

  const onSave = async () => {
    setError(null)
    const input: QuestionnaireInput = {
      clientId: client.id,
      conditions: [...conditions].map(([code, detail]) => ({ code, detail })),
      otherConditions,
      medications,
      allergies: [...allergies],
      otherAllergies,
    }
    try {
      await save.mutateAsync(input)
      onDone()
    } catch (e) {
      setError(errorWords(e, 'Saving failed.'))
    }
  }

  return (
    <div className="questionnaire-form">
      {error && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {error}
        </div>
      )}
      {(['contraindication', 'caution'] as const).map((severity) => (
        <fieldset key={severity} className={`checklist checklist-${severity}`}>
          <legend>
            {severity === 'contraindication'
              ? 'Contraindications (do not treat without clearance)'
              : 'Cautions (adapt treatment)'}
          </legend>
          {CONDITIONS.filter((c) => c.severity === severity).map((c) => (
            <div key={c.code} className="checklist-item">
              <label className="checkbox-inline">
                <input
                  type="checkbox"
                  checked={conditions.has(c.code)}
                  onChange={(e) => toggleCondition(c.code, e.target.checked)}
                />
                {c.label}
              </label>
              {conditions.has(c.code) && (
                <input
                  type="text"
                  className="inline-detail"
                  aria-label={`Details: ${c.label}`}
                  placeholder="Details (optional)"
                  value={conditions.get(c.code) ?? ''}
                  onChange={(e) => setConditions(new Map(conditions).set(c.code, e.target.value))}
                />
              )}
            </div>
          ))}
        </fieldset>
      ))}
      <fieldset className="checklist">
        <legend>Allergies</legend>
        {ALLERGIES.map((a) => (
          <label key={a.code} className="checkbox-inline">
            <input
              type="checkbox"
              checked={allergies.has(a.code)}
              onChange={(e) => {
                const next = new Set(allergies)
                if (e.target.checked) next.add(a.code)
                else next.delete(a.code)
                setAllergies(next)
              }}
            />
            {a.label}
          </label>
        ))}
      </fieldset>
      <div className="form-grid three">
        <div className="field">
          <label htmlFor="q-other">Other conditions</label>
          <textarea
            id="q-other"
            rows={2}
            value={otherConditions}
            onChange={(e) => setOtherConditions(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="q-meds">Medications</label>
          <textarea
            id="q-meds"
            rows={2}
            value={medications}
            onChange={(e) => setMedications(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="q-allergies">Other allergies</label>
          <textarea
            id="q-allergies"
            rows={2}
            value={otherAllergies}
            onChange={(e) => setOtherAllergies(e.target.value)}
          />
        </div>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button secondary"
          onClick={onDone}
          disabled={save.isPending}
        >
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          onClick={() => void onSave()}
          disabled={save.isPending}
        >
          {save.isPending ? 'Saving…' : 'Save as new version'}
        </button>
      </div>
    </div>
  )
}
