import { Icon } from './Icon'

/** The form-level message above a form's fields; renders nothing without one. */
export function ErrorBanner({ message }: { message: string | null | undefined }) {
  if (!message) return null
  return (
    <div className="banner banner-error" role="alert">
      <Icon name="alert" /> {message}
    </div>
  )
}

/** A quiet confirmation ("Password changed"), announced to screen readers. */
export function DoneNote({ message }: { message: string | null | undefined }) {
  if (!message) return null
  return (
    <p className="save-state" role="status">
      <Icon name="check" size={14} /> {message}
    </p>
  )
}
