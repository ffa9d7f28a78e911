import './packages.css'
import { packageStanding, packageUsableFor } from '../../../../shared/money/package-words'
import { useAuthStatus } from '../../api/auth'
import { useClientPackages } from '../../api/packages'

/**
 * In the booking dialog (reception and the owner): when the client has a package this
 * service can be paid from, says so, "Package 5 × Sports massage 60 min: 3 of 5 left,
 * expires 17 Dec 2026", so the caller can be told and the visit is not charged twice.
 */
export function BookingPackageNote({
  clientId,
  serviceId,
}: {
  clientId: number | null
  serviceId: number | null
}) {
  const role = useAuthStatus().data?.user?.role
  const till = role === 'owner' || role === 'reception'
  const packages = useClientPackages(clientId, till)
  if (!till || serviceId === null) return null
  const usable = (packages.data ?? []).filter((p) => packageUsableFor(p, serviceId))
  if (usable.length === 0) return null
  const about = usable.map((p) => `Package ${p.name}: ${packageStanding(p)}.`).join(' ')
  return (
    <p className="banner banner-ok package-note" role="status">
      {about} This booking can be paid from it.
    </p>
  )
}
