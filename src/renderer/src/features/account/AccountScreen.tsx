import type { SignedInUser } from '../../../../shared/contract/auth'
import { ROLE_LABELS } from '../../../../shared/roles'
import { ChangePasswordForm } from './ChangePasswordForm'
import { SetPinForm } from './SetPinForm'

export function AccountScreen({ user }: { user: SignedInUser }) {
  return (
    <>
      <header className="page-header">
        <h1>My account</h1>
        <p className="page-subtitle">
          {user.displayName} · {user.username} · {ROLE_LABELS[user.role]}
        </p>
      </header>
      <div className="two-cards">
        <section className="card" aria-labelledby="pw-title">
          <h2 id="pw-title" className="card-title">
            Password
          </h2>
          <ChangePasswordForm />
        </section>
        <section className="card" aria-labelledby="pin-title">
          <h2 id="pin-title" className="card-title">
            Unlock PIN
          </h2>
          <SetPinForm hasPin={user.hasPin} />
        </section>
      </div>
    </>
  )
}
