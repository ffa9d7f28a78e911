import { type UseFormRegister } from 'react-hook-form'
import type { Consent } from '../../../../shared/contract/clients'
import { type ClientFormValues } from './client-form-schema'
import { ukDateTime } from './format'

export function ConsentBox({
  register,
  name,
  label,
  consent,
}: {
  register: UseFormRegister<ClientFormValues>
  name: 'consentTreatment' | 'consentDataNotice' | 'marketingEmail' | 'marketingSms'
  label: string
  consent: Consent | undefined
}) {
  return (
    <label className="consent-box">
      <input type="checkbox" {...register(name)} />
      <span>
        {label}
        {consent?.given && consent.at && (
          <span className="field-hint">
            Recorded {ukDateTime(consent.at)}
            {consent.by ? ` by ${consent.by}` : ''}
          </span>
        )}
      </span>
    </label>
  )
}
