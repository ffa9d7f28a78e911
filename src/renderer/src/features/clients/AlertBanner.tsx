import type { ClientAlert } from '../../../../shared/contract/clients'
import { Icon } from '../../components/Icon'

const HEADING = {
  contraindication: 'Contraindication',
  caution: 'Caution',
  info: 'Note',
} as const

/** The alerts at the top of a client page: seen before anything else on it. */
export function AlertBanner({ alerts }: { alerts: ClientAlert[] }) {
  if (alerts.length === 0) return null
  const worst = alerts[0]!.severity
  return (
    <section
      className={`alert-banner alert-banner-${worst}`}
      aria-label="Medical alerts"
      role="region"
    >
      <Icon name="alert" size={22} />
      <ul>
        {alerts.map((a) => (
          <li key={a.id}>
            <strong>{HEADING[a.severity]}:</strong> {a.text}
            {a.source === 'questionnaire' && (
              <span className="alert-source"> · from health questionnaire</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
