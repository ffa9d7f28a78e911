import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import {
  messageSettingsInput,
  type MessageSettings,
  type MessageSettingsInput,
} from '../../../../shared/contract/messages'
import { useMessageSettings, useSaveMessageSettings, useSendTestEmail } from '../../api/messages'
import { DoneNote, ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { useFormError } from '../../components/rpc-form-errors'
import { useFormGuard } from '../shell/use-form-guard'

type Values = z.input<typeof messageSettingsInput>

function valuesOf(s: MessageSettings): Values {
  const { passwordSet: _p, ...email } = s.email
  const { tokenSet: _t, ...sms } = s.sms
  return {
    reminderHours: s.reminderHours,
    quietStart: s.quietStart,
    quietEnd: s.quietEnd,
    recallWeeks: s.recallWeeks,
    email: { ...email, password: '' },
    sms: { ...sms, token: '' },
  }
}

export function MessageSettingsForm() {
  const query = useMessageSettings()
  if (query.isPending) return <p className="muted">Loading…</p>
  if (query.isError) return <ErrorBanner message={query.error.message} />
  return <SettingsForm saved={query.data} />
}

function SettingsForm({ saved }: { saved: MessageSettings }) {
  const save = useSaveMessageSettings()
  const [done, setDone] = useState(false)
  const { register, handleSubmit, formState, setError, reset, control, getValues } = useForm<
    Values,
    unknown,
    MessageSettingsInput
  >({
    resolver: zodResolver(messageSettingsInput),
    mode: 'onTouched',
    defaultValues: valuesOf(saved),
  })
  useFormGuard({ formState, reset, getValues }, 'the e-mail and SMS settings')
  const e = formState.errors
  const { formError, attempt } = useFormError({ setError, control })
  const submit = handleSubmit(async (values) => {
    setDone(false)
    await attempt(async () => {
      const result = await save.mutateAsync(values)
      reset(valuesOf(result))
      setDone(true)
    })
  })
  const num = { valueAsNumber: true }
  return (
    <>
      <form
        className="card form"
        onSubmit={(ev) => void submit(ev)}
        noValidate
        aria-labelledby="msg-settings"
      >
        <div className="card-head">
          <h2 id="msg-settings">When messages go</h2>
          <span className="save-state" role="status">
            {formState.isDirty ? 'Unsaved changes' : done ? 'Saved' : ''}
          </span>
        </div>
        <ErrorBanner message={formError} />
        <div className="form-grid">
          <Field
            label="Reminder, hours before"
            hint="On the clinic’s clock: 24 = the day before at the same time"
            error={e.reminderHours?.message}
          >
            <input type="number" min={1} max={168} {...register('reminderHours', num)} />
          </Field>
          <Field
            label="Quiet from"
            hint="Nothing is sent from this time…"
            error={e.quietStart?.message}
          >
            <input {...register('quietStart')} inputMode="numeric" />
          </Field>
          <Field
            label="Quiet until"
            hint="…until this time the next morning"
            error={e.quietEnd?.message}
          >
            <input {...register('quietEnd')} inputMode="numeric" />
          </Field>
          <Field
            label="Recall after (weeks without a visit)"
            hint="Empty: no recall. Only clients with marketing consent get it"
            error={e.recallWeeks?.message}
          >
            <input
              type="number"
              min={1}
              max={104}
              {...register('recallWeeks', {
                setValueAs: (v) => (v === '' || v === null ? null : Number(v)),
              })}
            />
          </Field>
        </div>

        <h2 className="form-section-title">E-mail (SMTP)</h2>
        <div className="form-grid">
          <div className="field checkbox-field">
            <label>
              <input type="checkbox" {...register('email.enabled')} /> Send e-mails
            </label>
          </div>
          <Field label="Mail server" hint="e.g. smtp.office365.com" error={e.email?.host?.message}>
            <input {...register('email.host')} autoComplete="off" />
          </Field>
          <Field label="Port" hint="587 with STARTTLS, 465 with TLS" error={e.email?.port?.message}>
            <input type="number" {...register('email.port', num)} />
          </Field>
          <Field label="Security" error={e.email?.security?.message}>
            <select {...register('email.security')}>
              <option value="starttls">STARTTLS</option>
              <option value="tls">TLS</option>
              <option value="none">None (not recommended)</option>
            </select>
          </Field>
          <Field label="User name" error={e.email?.user?.message}>
            <input {...register('email.user')} autoComplete="off" />
          </Field>
          <Field
            label="Password"
            hint={
              saved.email.passwordSet
                ? 'Stored, sealed. Leave empty to keep it'
                : 'Stored sealed, never in clear'
            }
            error={e.email?.password?.message}
          >
            <input type="password" {...register('email.password')} autoComplete="new-password" />
          </Field>
          <Field label="From name" error={e.email?.fromName?.message}>
            <input {...register('email.fromName')} />
          </Field>
          <Field label="From address" error={e.email?.fromAddress?.message}>
            <input type="email" {...register('email.fromAddress')} />
          </Field>
          <Field
            label="Trust this certificate (optional)"
            hint="Only for a mail server with its own certificate: paste it (PEM)"
            error={e.email?.caPem?.message}
          >
            <textarea rows={3} {...register('email.caPem')} spellCheck={false} />
          </Field>
        </div>

        <h2 className="form-section-title">SMS (The SMS Works)</h2>
        <div className="form-grid">
          <div className="field checkbox-field">
            <label>
              <input type="checkbox" {...register('sms.enabled')} /> Send SMS
            </label>
          </div>
          <Field label="Gateway address" error={e.sms?.baseUrl?.message}>
            <input {...register('sms.baseUrl')} />
          </Field>
          <Field
            label="API token (JWT)"
            hint={
              saved.sms.tokenSet
                ? 'Stored, sealed. Leave empty to keep it'
                : 'From your SMS Works account'
            }
            error={e.sms?.token?.message}
          >
            <input type="password" {...register('sms.token')} autoComplete="off" />
          </Field>
          <Field
            label="Sender ID"
            hint="Up to 11 letters and digits, e.g. Riverside"
            error={e.sms?.sender?.message}
          >
            <input {...register('sms.sender')} />
          </Field>
          <Field
            label="Price per segment (pence)"
            hint="For the estimate shown before sending"
            error={e.sms?.pencePerSegment?.message}
          >
            <input type="number" min={0} max={100} {...register('sms.pencePerSegment', num)} />
          </Field>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button primary"
            disabled={save.isPending || !formState.isDirty}
          >
            Save message settings
          </button>
        </div>
      </form>
      <TestEmail />
    </>
  )
}

function TestEmail() {
  const send = useSendTestEmail()
  const [to, setTo] = useState('')
  return (
    <form
      className="card form"
      aria-labelledby="test-email"
      onSubmit={(ev) => {
        ev.preventDefault()
        send.mutate(to)
      }}
    >
      <h2 id="test-email">Send a test e-mail</h2>
      <p className="muted">Uses the saved settings: save them first.</p>
      <div className="form-grid">
        <Field label="Send it to">
          <input type="email" value={to} onChange={(ev) => setTo(ev.target.value)} />
        </Field>
      </div>
      <ErrorBanner
        message={send.error?.message ?? (send.data && !send.data.ok ? send.data.message : null)}
      />
      <DoneNote message={send.data?.ok ? send.data.message : null} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={send.isPending || !to}>
          {send.isPending ? 'Sending…' : 'Send test e-mail'}
        </button>
      </div>
    </form>
  )
}
