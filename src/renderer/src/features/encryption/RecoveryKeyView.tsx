import { downloadBase64 } from '../../api/download'

export interface ShownRecoveryKey {
  recoveryKey: string
  filename: string
  base64: string
}

/**
 * The recovery key on screen, large and in its groups of four, with the printable sheet:
 * what the owner keeps locked away in case this computer's keystore is ever lost.
 */
export function RecoveryKeyView({ shown }: { shown: ShownRecoveryKey }) {
  return (
    <div className="recovery-key">
      <p className="recovery-key-text" data-testid="recovery-key" aria-label="Recovery key">
        {shown.recoveryKey.split('-').map((group, i) => (
          <span key={i}>{group}</span>
        ))}
      </p>
      <p className="muted">
        Print the sheet and keep it locked away, apart from this computer and the backup USB stick.
        Plinth asks for this key if the computer is reinstalled or replaced, and to restore a backup
        elsewhere.
      </p>
      <button
        type="button"
        className="button primary"
        onClick={() => downloadBase64(shown.base64, shown.filename, 'application/pdf')}
      >
        Save the recovery sheet (PDF) to print
      </button>
    </div>
  )
}
