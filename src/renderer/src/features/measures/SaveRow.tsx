import { Icon } from '../../components/Icon'

/** A measure form's save button, with the server's refusal (if any) beside it. */
export function SaveRow({
  label,
  pending,
  failure,
}: {
  label: string
  pending: boolean
  failure: string | null
}) {
  return (
    <div className="form-actions">
      {failure && (
        <p className="banner banner-error" role="alert">
          <Icon name="alert" /> {failure}
        </p>
      )}
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? 'Saving…' : label}
      </button>
    </div>
  )
}
