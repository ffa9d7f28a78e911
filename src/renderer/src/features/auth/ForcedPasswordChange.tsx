import type { SignedInUser } from '../../../../shared/contract/auth'
import { ChangePasswordForm } from '../account/ChangePasswordForm'
import { AuthLayout } from './AuthLayout'

export function ForcedPasswordChange({ user }: { user: SignedInUser }) {
  return (
    <AuthLayout
      title="Choose a new password"
      subtitle={`${user.displayName}, your password was reset by the owner. Choose your own to continue.`}
    >
      <ChangePasswordForm currentLabel="Temporary password" />
    </AuthLayout>
  )
}
