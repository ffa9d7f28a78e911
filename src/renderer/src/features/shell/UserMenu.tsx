import type { SignedInUser } from '../../../../shared/contract/auth'
import { ROLE_LABELS } from '../../../../shared/roles'

interface UserMenuProps {
  user: SignedInUser
  onLock(): void
  onSignOut(): void
}

export function UserMenu({ user, onLock, onSignOut }: UserMenuProps) {
  return (
    <div className="user-box">
      <div className="user-id">
        <span className="avatar" aria-hidden="true">
          {user.displayName.slice(0, 1).toUpperCase()}
        </span>
        <div className="user-text">
          <span className="user-name">{user.displayName}</span>
          <span className="user-role">{ROLE_LABELS[user.role]}</span>
        </div>
      </div>
      <div className="user-actions">
        <a className="button small secondary" href="#/account" title="My account: password and PIN">
          Account
        </a>
        <button
          type="button"
          className="button small secondary"
          onClick={onLock}
          aria-keyshortcuts="Control+L"
          title="Lock (Ctrl+L)"
        >
          Lock
        </button>
        <button type="button" className="button small secondary" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </div>
  )
}
