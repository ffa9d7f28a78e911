import type { ClientProgress } from '../../../../shared/contract/measures'
import { MEASURE_LABELS } from '../../../../shared/contract/measures'
import { formatInstant } from '../../clinic-time'

interface Item {
  at: string
  kind: 'visit' | 'event' | 'pain' | 'measure'
  words: string
}

const SHOWN = 12

/**
 * A small timeline for the client page: visits, the next event, pain before → after and the
 * measures recorded, the latest twelve and the event, oldest first, as a list.
 */
export function ClientTimeline({ progress }: { progress: ClientProgress }) {
  const items: Item[] = [
    ...progress.visits
      .filter((v) => v.status !== 'cancelled')
      .map((v) => ({ at: v.at, kind: 'visit' as const, words: `${v.service} (${v.status})` })),
    ...progress.pain
      .filter((p) => p.before !== null || p.after !== null)
      .map((p) => ({
        at: p.at,
        kind: 'pain' as const,
        words: `Pain ${p.before ?? '–'} → ${p.after ?? '–'}${p.change ? `, ${p.change}` : ''}`,
      })),
    ...progress.entries.map((e) => ({
      at: e.takenAt,
      kind: 'measure' as const,
      words: `${MEASURE_LABELS[e.measure.kind]}${e.score !== null && e.measure.kind !== 'load' ? ` ${e.score}` : ''}${e.source === 'client' ? ' (filled in by the client)' : ''}`,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at))
  const shown = items.slice(-SHOWN)
  if (progress.event) {
    const at = `${progress.event.date}T12:00:00.000Z`
    const words = `${progress.event.name || 'Event'}${progress.event.distanceKm ? ` (${progress.event.distanceKm} km)` : ''}`
    const i = shown.findIndex((x) => x.at > at)
    shown.splice(i === -1 ? shown.length : i, 0, { at, kind: 'event', words })
  }
  if (shown.length === 0) return <p className="muted">Nothing recorded yet.</p>
  return (
    <ol className="client-timeline" aria-label="Visits, event, pain and measures">
      {shown.map((item, i) => (
        <li key={`${item.at}-${i}`} className={`tl-${item.kind}`}>
          <time dateTime={item.at}>{formatInstant(item.at, 'd MMM yy')}</time>
          <span className="tl-dot" aria-hidden="true" />
          <span>
            <span className="visually-hidden">{item.kind}: </span>
            {item.words}
          </span>
        </li>
      ))}
    </ol>
  )
}
