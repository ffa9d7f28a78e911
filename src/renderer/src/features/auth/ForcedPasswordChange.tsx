import type { SignedInUser } from '../../../../shared/contract/auth'
import { ChangePasswordForm } from '../account/ChangePasswordForm'
import { AuthLayout } from './AuthLayout'

export function ForcedPasswordChange({ user }: { user: SignedInUser }) {
  return (
    <AuthLayout
      title="Choose a new password"
      // True for a new account and for one the owner reset alike: both sign in with a temporary
      // password someone else chose.
      subtitle={`${user.displayName}, you signed in with a temporary password. Choose your own to continue.`}
    >
      <ChangePasswordForm currentLabel="Temporary password" />
    </AuthLayout>
  )
}
