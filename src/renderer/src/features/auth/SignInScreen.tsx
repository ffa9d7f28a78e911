import { AuthLayout } from './AuthLayout'
import { SignInForm } from './SignInForm'

export function SignInScreen({ clinicName }: { clinicName?: string | undefined }) {
  return (
    <AuthLayout title="Sign in" subtitle={clinicName}>
      <SignInForm />
    </AuthLayout>
  )
}
