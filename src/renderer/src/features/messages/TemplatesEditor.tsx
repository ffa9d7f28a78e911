import { useMemo, useState } from 'react'
import {
  CHANNELS,
  KIND_LABELS,
  MESSAGE_KINDS,
  PLACEHOLDERS,
  renderTemplate,
  templateProblems,
  type Channel,
  type TemplateKind,
  type PlaceholderValues,
} from '../../../../shared/messages/templates'
import { smsSegments } from '../../../../shared/messages/sms-segments'
import type { MessageTemplate } from '../../../../shared/contract/messages'
import {
  useMessageTemplates,
  useResetTemplate,
  useSaveAftercare,
  useSaveTemplate,
} from '../../api/messages'
import { DoneNote, ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { useClinicSettings } from '../../api/settings'
import { channelLabel, pounds } from './format'

type Draft = { subject: string; body: string }

/** The owner's templates: one per kind and channel, with a live preview and a length check. */
export function TemplatesEditor() {
  const query = useMessageTemplates()
  const [kind, setKind] = useState<TemplateKind>('confirmation')
  const [channel, setChannel] = useState<Channel>('email')
  // Edits not saved yet, by kind and channel: switching to another template and back keeps
  // them (a user trial lost an edit that way).
  const [drafts, setDrafts] = useState<Record<string, Draft>>({})
  const clinic = useClinicSettings()
  // The preview reads as this clinic's messages will: its own name, address and phone.
  const sample = useMemo<PlaceholderValues>(
    () => ({
      ...PLACEHOLDERS,
      ...(clinic.data?.clinicName ? { clinicName: clinic.data.clinicName } : {}),
      ...(clinic.data?.address
        ? { clinicAddress: clinic.data.address.replace(/\s*\n\s*/g, ', ') }
        : {}),
      ...(clinic.data?.phone ? { clinicPhone: clinic.data.phone } : {}),
    }),
    [clinic.data],
  )
  if (query.isPending) return <p className="muted">Loading…</p>
  if (query.isError) return <ErrorBanner message={query.error.message} />
  const template = query.data.templates.find((t) => t.kind === kind && t.channel === channel)!
  const unsaved = (k: TemplateKind, c: Channel) => {
    const d = drafts[`${k}:${c}`]
    const t = query.data.templates.find((x) => x.kind === k && x.channel === c)
    return !!d && !!t && (d.subject !== t.subject || d.body !== t.body)
  }
  return (
    <>
      <section className="card form" aria-labelledby="templates-title">
        <h2 id="templates-title">Templates</h2>
        <div className="form-grid">
          <Field label="Message">
            <select value={kind} onChange={(ev) => setKind(ev.target.value as TemplateKind)}>
              {MESSAGE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                  {CHANNELS.some((c) => unsaved(k, c)) ? ' (not saved)' : ''}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Channel">
            <select value={channel} onChange={(ev) => setChannel(ev.target.value as Channel)}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {channelLabel(c)}
                  {unsaved(kind, c) ? ' (not saved)' : ''}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <TemplateForm
          key={`${kind}:${channel}`}
          template={template}
          pencePerSegment={query.data.pencePerSegment}
          sample={sample}
          draft={drafts[`${kind}:${channel}`]}
          onDraft={(d) => setDrafts((all) => ({ ...all, [`${kind}:${channel}`]: d }))}
        />
      </section>
      <Aftercare rows={query.data.aftercare} />
    </>
  )
}

function TemplateForm({
  template,
  pencePerSegment,
  sample,
  draft,
  onDraft,
}: {
  template: MessageTemplate
  pencePerSegment: number
  sample: PlaceholderValues
  /** The unsaved edit of this template, kept by the editor across switches. */
  draft: Draft | undefined
  onDraft(d: Draft): void
}) {
  const save = useSaveTemplate()
  const reset = useResetTemplate()
  const [subject, setSubjectOnly] = useState(draft?.subject ?? template.subject)
  const [body, setBodyOnly] = useState(draft?.body ?? template.body)
  const setSubject = (v: string) => {
    setSubjectOnly(v)
    onDraft({ subject: v, body })
  }
  const setBody = (v: string) => {
    setBodyOnly(v)
    onDraft({ subject, body: v })
  }
  const [saved, setSaved] = useState<string | null>(null)
  const problems = useMemo(
    () => templateProblems(template.channel, subject, body),
    [template.channel, subject, body],
  )
  const preview = renderTemplate(body, sample)
  const sms = template.channel === 'sms' ? smsSegments(preview) : null
  const problem = (path: 'subject' | 'body') =>
    problems
      .filter((p) => p.path === path)
      .map((p) => p.message)
      .join(' ') || undefined
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault()
        setSaved(null)
        save.mutate(
          { kind: template.kind, channel: template.channel, subject, body },
          { onSuccess: () => setSaved('Template saved') },
        )
      }}
      noValidate
    >
      <p className="muted">
        Placeholders:{' '}
        {Object.keys(PLACEHOLDERS)
          .map((p) => `{{${p}}}`)
          .join(' ')}
        . No health details: alerts, notes and conditions are never offered.
      </p>
      {template.channel === 'email' && (
        <Field label="Subject" error={problem('subject')}>
          <input value={subject} onChange={(ev) => setSubject(ev.target.value)} />
        </Field>
      )}
      <Field label="Text" error={problem('body')}>
        <textarea
          rows={template.channel === 'sms' ? 4 : 9}
          value={body}
          onChange={(ev) => setBody(ev.target.value)}
        />
      </Field>
      <section className="message-preview" aria-labelledby="preview-title">
        <h3 id="preview-title">Preview</h3>
        {template.channel === 'email' && (
          <p className="preview-subject">{renderTemplate(subject, sample)}</p>
        )}
        <pre className="message-body" data-testid="template-preview">
          {preview}
        </pre>
        <p className="muted" role="status">
          {sms
            ? `${sms.characters} characters · ${sms.encoding} · ${sms.segments} segment${sms.segments === 1 ? '' : 's'} · about ${pounds(sms.segments * pencePerSegment)} each${sms.nonGsm.length ? ` · ${sms.nonGsm.join(' ')} make it UCS-2 (70 a segment)` : ''}`
            : `${preview.length} characters`}
        </p>
      </section>
      <ErrorBanner message={save.error?.message ?? reset.error?.message} />
      <DoneNote message={saved} />
      <div className="form-actions">
        <button
          type="submit"
          className="button primary"
          disabled={save.isPending || problems.length > 0}
        >
          Save template
        </button>
        {template.edited && (
          <button
            type="button"
            className="button"
            onClick={() =>
              reset.mutate(
                { kind: template.kind, channel: template.channel },
                {
                  onSuccess: (t) => {
                    setSubjectOnly(t.subject)
                    setBodyOnly(t.body)
                    onDraft({ subject: t.subject, body: t.body })
                    setSaved('Default put back')
                  },
                },
              )
            }
          >
            Put back the default
          </button>
        )}
      </div>
    </form>
  )
}

function Aftercare({
  rows,
}: {
  rows: { serviceId: number; serviceName: string; days: number | null }[]
}) {
  const save = useSaveAftercare()
  return (
    <section className="card" aria-labelledby="aftercare-title">
      <h2 id="aftercare-title">Aftercare follow-up</h2>
      <p className="muted">Days after a completed appointment of each service; empty for none.</p>
      <ErrorBanner message={save.error?.message} />
      {rows.length === 0 && <p className="muted">No services yet.</p>}
      <div className="form-grid">
        {rows.map((r) => (
          <Field key={r.serviceId} label={r.serviceName}>
            <input
              type="number"
              min={1}
              max={60}
              defaultValue={r.days ?? ''}
              onBlur={(ev) => {
                const v = ev.target.value.trim()
                const days = v === '' ? null : Number(v)
                if (days !== r.days) save.mutate({ serviceId: r.serviceId, days })
              }}
            />
          </Field>
        ))}
      </div>
    </section>
  )
}
