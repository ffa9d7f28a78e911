import type { ClientAlert } from '../../../../shared/contract/clients'
import { Icon } from '../../components/Icon'

type AlertLike = Pick<ClientAlert, 'severity' | 'text'>

const WORD = { contraindication: 'Contraindication', caution: 'Caution', info: 'Note' } as const

/** Small icons for lists (search results, appointments): one per severity present. */
export function AlertIcons({ alerts }: { alerts: AlertLike[] }) {
  if (alerts.length === 0) return null
  const severities = (['contraindication', 'caution', 'info'] as const).filter((s) =>
    alerts.some((a) => a.severity === s),
  )
  return (
    <span className="alert-icons">
      {severities.map((s) => {
        const texts = alerts.filter((a) => a.severity === s).map((a) => a.text)
        const label = `${WORD[s]}: ${texts.join('; ')}`
        return (
          <span
            key={s}
            className={`alert-icon alert-${s}`}
            title={label}
            role="img"
            aria-label={label}
          >
            <Icon name={s === 'info' ? 'info' : 'alert'} size={16} />
          </span>
        )
      })}
    </span>
  )
}
