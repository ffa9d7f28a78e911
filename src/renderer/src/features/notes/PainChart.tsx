import { formatInstant } from '../../clinic-time'

interface Point {
  id: number
  sessionAt: string
  painBefore: number | null
  painAfter: number | null
}

const W = 520
const H = 180
const PAD = { left: 30, right: 12, top: 12, bottom: 28 }

/**
 * Pain before and after over sessions, hand-written SVG: two lines on a fixed 0–10 scale
 * need no chart library (and none would pass our CSP without inline styles as easily).
 * The same numbers are in a table beneath for screen readers.
 */
export function PainChart({ points }: { points: Point[] }) {
  const shown = points.filter((p) => p.painBefore !== null || p.painAfter !== null)
  if (shown.length === 0) return <p className="muted">No pain scores recorded yet.</p>
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const x = (i: number) =>
    PAD.left + (shown.length === 1 ? plotW / 2 : (i * plotW) / (shown.length - 1))
  const y = (v: number) => PAD.top + plotH - (v / 10) * plotH
  const line = (key: 'painBefore' | 'painAfter') =>
    shown
      .map((p, i) => (p[key] === null ? null : `${x(i)},${y(p[key])}`))
      .filter(Boolean)
      .join(' ')
  return (
    <figure className="pain-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Pain before and after each session">
        {[0, 2, 4, 6, 8, 10].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="axis">
              {v}
            </text>
          </g>
        ))}
        {shown.map((p, i) => (
          <text key={p.id} x={x(i)} y={H - 8} textAnchor="middle" className="axis">
            {formatInstant(p.sessionAt, 'd MMM')}
          </text>
        ))}
        <polyline points={line('painBefore')} className="line-before" />
        <polyline points={line('painAfter')} className="line-after" />
        {shown.map((p, i) => (
          <g key={p.id}>
            {p.painBefore !== null && (
              <circle cx={x(i)} cy={y(p.painBefore)} r={4} className="dot-before" />
            )}
            {p.painAfter !== null && (
              <rect
                x={x(i) - 4}
                y={y(p.painAfter) - 4}
                width={8}
                height={8}
                className="dot-after"
              />
            )}
          </g>
        ))}
      </svg>
      <figcaption>
        <span className="key-before">● Before</span> <span className="key-after">■ After</span>
      </figcaption>
      <table className="visually-hidden">
        <caption>Pain scores by session</caption>
        <thead>
          <tr>
            <th>Session</th>
            <th>Before</th>
            <th>After</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={p.id}>
              <td>{formatInstant(p.sessionAt, 'd MMM yyyy')}</td>
              <td>{p.painBefore ?? '–'}</td>
              <td>{p.painAfter ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
