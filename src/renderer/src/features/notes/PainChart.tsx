import { painChange } from '../../../../shared/measures/pain-change'
import { formatInstant } from '../../clinic-time'
import { ChartFigure } from '../measures/ChartFigure'

interface Point {
  id: number
  sessionAt: string
  painBefore: number | null
  painAfter: number | null
}

const RED = '#c0262d'
const GREEN = '#047857'
const day = (iso: string) => formatInstant(iso, 'd MMM yyyy')

/**
 * The chart's text alternative: pain before treatment from the first session to the latest
 * (with its change in words: shared/measures/pain-change.ts, Farrar 2001, Salaffi 2004), and
 * the latest session's before → after.
 */
export function painWords(shown: readonly Point[]): string {
  const befores = shown.filter((p) => p.painBefore !== null)
  const parts: string[] = []
  if (befores.length >= 2) {
    const first = befores[0]!
    const last = befores.at(-1)!
    parts.push(
      `Pain before treatment: ${first.painBefore} on ${day(first.sessionAt)} → ${last.painBefore} on ${day(last.sessionAt)} (${painChange(first.painBefore, last.painBefore)}).`,
    )
  }
  const latest = shown.at(-1)!
  const within = painChange(latest.painBefore, latest.painAfter)
  parts.push(
    `Latest session, ${day(latest.sessionAt)}: before ${latest.painBefore ?? '–'}, after ${latest.painAfter ?? '–'} out of 10${within ? ` (${within})` : ''}.`,
  )
  parts.push(`${shown.length} ${shown.length === 1 ? 'session' : 'sessions'} with a pain score.`)
  return parts.join(' ')
}

/**
 * Pain before and after over sessions (0–10), drawn like the other progress charts
 * (recharts, through ChartFigure): keyboard-focusable, with the text alternative above and a
 * table view of the same numbers behind a toggle.
 */
export function PainChart({ points }: { points: Point[] }) {
  const shown = points.filter((p) => p.painBefore !== null || p.painAfter !== null)
  if (shown.length === 0) return <p className="muted">No pain scores recorded yet.</p>
  const rows = shown.map((p) => ({ at: p.sessionAt, before: p.painBefore, after: p.painAfter }))
  return (
    <div className="pain-chart">
      <ChartFigure
        title="Pain before and after each session"
        words={painWords(shown)}
        rows={rows}
        domain={[0, 10]}
        lines={[
          { key: 'before', name: 'Before (0–10)', colour: RED },
          { key: 'after', name: 'After (0–10)', colour: GREEN, dashed: true },
        ]}
        columns={[
          { header: 'Before', cell: (r) => r.before ?? '–' },
          { header: 'After', cell: (r) => r.after ?? '–' },
        ]}
      />
    </div>
  )
}
