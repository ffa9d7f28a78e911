import { useEffect, useState } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { ClientRecord, ClientSummary } from '../../../../shared/contract/clients'
import { useCreateClient } from '../../api/clients'
import { Field } from '../../components/Field'
import { Icon } from '../../components/Icon'
import { showRpcError } from '../../components/rpc-form-errors'
import {
  EMPTY_CLIENT,
  clientFormSchema,
  type ClientFormOutput,
  type ClientFormValues,
} from '../clients/client-form-schema'
import { PossibleDuplicates, useDuplicateCheck } from '../clients/PossibleDuplicates'
import type { BookingDraft } from './booking-draft'

type Typed = BookingDraft['newClient']

/**
 * A new client added while booking: name and mobile only, with the same schema and the same
 * duplicate check as Clients → New client (a possible match must be seen, and either used or
 * added anyway, before a second record is made). Everything typed stays in the booking draft.
 */
export function QuickAddClient({
  typed,
  onTyped,
  onAdded,
}: {
  typed: Typed
  onTyped(values: Typed): void
  onAdded(client: ClientRecord | ClientSummary): void
}) {
  const create = useCreateClient()
  const [formError, setFormError] = useState<string | null>(null)
  const [duplicatesSeen, setDuplicatesSeen] = useState(false)
  const form = useForm<ClientFormValues, unknown, ClientFormOutput>({
    resolver: zodResolver(clientFormSchema),
    mode: 'onTouched',
    defaultValues: { ...EMPTY_CLIENT, ...typed },
  })
  const { register, handleSubmit, formState, setError, control } = form
  const [firstName = '', lastName = '', mobile = ''] = useWatch({
    control,
    name: ['firstName', 'lastName', 'mobile'],
  })
  useEffect(() => onTyped({ firstName, lastName, mobile }), [firstName, lastName, mobile, onTyped])
  const matches = useDuplicateCheck({ lastName, mobile })

  const submit = handleSubmit(async (input) => {
    setFormError(null)
    if (matches.length > 0 && !duplicatesSeen) {
      setDuplicatesSeen(true)
      setFormError('This caller may already be on file: use the existing client, or add anyway.')
      return
    }
    try {
      onAdded(await create.mutateAsync(input))
    } catch (error) {
      setFormError(showRpcError(error, { setError, control }))
    }
  })
  const errors = formState.errors
  return (
    <fieldset className="fieldset new-client">
      <legend>New client</legend>
      <div className="booking-row three">
        <Field label="First name" error={errors.firstName?.message}>
          <input autoComplete="off" {...register('firstName')} />
        </Field>
        <Field label="Last name" error={errors.lastName?.message}>
          <input autoComplete="off" {...register('lastName')} />
        </Field>
        <Field label="Mobile" error={errors.mobile?.message}>
          <input
            type="tel"
            autoComplete="off"
            autoFocus
            {...register('mobile')}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                void submit()
              }
            }}
          />
        </Field>
      </div>
      <PossibleDuplicates matches={matches} onUse={onAdded} />
      {formError && (
        <p className={matches.length > 0 ? 'banner banner-warn' : 'field-error'} role="alert">
          <Icon name={matches.length > 0 ? 'info' : 'alert'} /> {formError}
        </p>
      )}
      <button
        type="button"
        className="button secondary"
        disabled={create.isPending}
        onClick={() => void submit()}
      >
        {duplicatesSeen && matches.length > 0 ? 'Add as a new client anyway' : 'Add client'}
      </button>
    </fieldset>
  )
}
