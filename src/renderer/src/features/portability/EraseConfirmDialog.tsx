import { ConfirmDialog } from '../../components/ConfirmDialog'

/** The question both the retention list and the client page ask before erasing a record. */
export function EraseConfirmDialog({
  how,
  name,
  busy,
  onConfirm,
  onCancel,
}: {
  how: 'anonymise' | 'delete'
  name: string
  busy: boolean
  onConfirm(): void
  onCancel(): void
}) {
  return (
    <ConfirmDialog
      title={how === 'anonymise' ? `Anonymise ${name}?` : `Delete ${name}'s record?`}
      confirmLabel={how === 'anonymise' ? 'Anonymise for good' : 'Delete for good'}
      danger
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        {how === 'anonymise'
          ? 'Their name, contact details, birthday, notes, alerts and questionnaires are removed for good; visit counts and takings stay.'
          : 'Everything about them is removed for good.'}
      </p>
      <p className="muted">This cannot be undone, except by restoring a backup.</p>
    </ConfirmDialog>
  )
}
