import { ConfirmDialog } from '../../components/ConfirmDialog'
import { leaveAnyway, stayHere, unsavedWork, usePendingNavigation } from './unsaved-guard'

/** "Leave without saving?" when a move would drop a form's typing; staying is the default. */
export function UnsavedChangesDialog() {
  const pending = usePendingNavigation()
  if (pending === null) return null
  return (
    <ConfirmDialog
      title="Leave without saving?"
      confirmLabel="Leave without saving"
      cancelLabel="Stay and keep typing"
      danger
      onConfirm={leaveAnyway}
      onCancel={stayHere}
    >
      <p>Your changes to {unsavedWork() ?? 'this form'} are not saved yet.</p>
    </ConfirmDialog>
  )
}
