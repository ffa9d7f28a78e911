import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import type { BodyMark } from '../../../../shared/contract/notes'
import { BODY_PATH, CHART_HEIGHT, CHART_WIDTH, HEAD } from '../../../../shared/notes/body-outline'
import {
  BODY_REGIONS,
  MARK_KINDS,
  MARK_KIND_LABELS,
  MARK_KIND_STYLE,
  REGION_BY_ID,
  nearestRegion,
  type BodyView,
  type MarkKind,
} from '../../../../shared/notes/body-regions'

const VIEWS: BodyView[] = ['front', 'back']
const GAP = 16

function MarkShape({ mark, scale = 1 }: { mark: BodyMark; scale?: number }) {
  const { colour, shape } = MARK_KIND_STYLE[mark.kind]
  const r = (2.5 + mark.intensity * 0.8) * scale
  const common = { fill: colour, fillOpacity: 0.8, stroke: '#fff', strokeWidth: 0.8 }
  switch (shape) {
    case 'circle':
      return <circle cx={mark.x} cy={mark.y} r={r} {...common} />
    case 'square':
      return <rect x={mark.x - r} y={mark.y - r} width={r * 2} height={r * 2} {...common} />
    case 'diamond':
      return (
        <polygon
          points={`${mark.x},${mark.y - r * 1.2} ${mark.x + r * 1.2},${mark.y} ${mark.x},${mark.y + r * 1.2} ${mark.x - r * 1.2},${mark.y}`}
          {...common}
        />
      )
    case 'cross':
      return (
        <path
          d={`M${mark.x - r} ${mark.y - r} L${mark.x + r} ${mark.y + r} M${mark.x + r} ${mark.y - r} L${mark.x - r} ${mark.y + r}`}
          stroke={colour}
          strokeWidth={2.2 * scale}
          strokeLinecap="round"
        />
      )
  }
}

function Outline({ view }: { view: BodyView }) {
  return (
    <>
      <ellipse cx={HEAD.cx} cy={HEAD.cy} rx={HEAD.rx} ry={HEAD.ry} className="body-outline" />
      <path d={BODY_PATH} className="body-outline" />
      <text x={50} y={CHART_HEIGHT + 12} textAnchor="middle" className="body-view-label">
        {view === 'front' ? 'Front' : 'Back'}
      </text>
    </>
  )
}

const viewOf = (m: BodyMark): BodyView => REGION_BY_ID.get(m.region)?.view ?? 'front'

/** The chart drawn again from stored marks: the note view, the list thumbnails, progress. */
export function BodyChartView({
  marks,
  width = 220,
  label,
}: {
  marks: BodyMark[]
  width?: number
  label: string
}) {
  return (
    <svg
      className="body-chart"
      viewBox={`0 0 ${CHART_WIDTH * 2 + GAP} ${CHART_HEIGHT + 16}`}
      width={width}
      role="img"
      aria-label={label}
    >
      {VIEWS.map((view, i) => (
        <g key={view} transform={`translate(${i * (CHART_WIDTH + GAP)} 0)`}>
          <Outline view={view} />
          {marks
            .filter((m) => viewOf(m) === view)
            .map((m, j) => (
              <MarkShape key={j} mark={m} />
            ))}
        </g>
      ))}
    </svg>
  )
}

export function describeMark(m: BodyMark): string {
  return `${MARK_KIND_LABELS[m.kind]} ${m.intensity}/5 – ${REGION_BY_ID.get(m.region)?.label ?? m.region}`
}

export function MarkLegend() {
  return (
    <ul className="mark-legend" aria-label="Key">
      {MARK_KINDS.map((k) => (
        <li key={k}>
          <svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true">
            <MarkShape mark={{ region: '', x: 0, y: 0, kind: k, intensity: 2 }} scale={0.9} />
          </svg>
          {MARK_KIND_LABELS[k]}
        </li>
      ))}
    </ul>
  )
}

/**
 * The editable chart. Mouse and touch: press on the outline (pointer events cover both).
 * Keyboard: the region list takes arrow keys and Enter adds a mark there; the kind and
 * intensity pickers apply to the next mark; each mark has its own Remove button.
 */
export function BodyChartEditor({
  marks,
  onChange,
}: {
  marks: BodyMark[]
  onChange(marks: BodyMark[]): void
}) {
  const [kind, setKind] = useState<MarkKind>('pain')
  const [intensity, setIntensity] = useState(3)
  const [active, setActive] = useState(0)
  const svgRef = useRef<SVGSVGElement>(null)
  const id = useId()
  const region = BODY_REGIONS[active]!

  const add = (regionId: string, x: number, y: number) =>
    onChange([...marks, { region: regionId, x: round(x), y: round(y), kind, intensity }])

  function onPointerDown(e: PointerEvent<SVGSVGElement>) {
    // One mark per press: a finger, a pen or the mouse's main button; not a second finger
    // of a pinch, nor a right-click.
    if (!e.isPrimary || e.button !== 0) return
    const svg = svgRef.current
    const ctm = svg?.getScreenCTM()
    if (!svg || !ctm) return
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse())
    const view: BodyView = p.x > CHART_WIDTH + GAP / 2 ? 'back' : 'front'
    const x = view === 'back' ? p.x - CHART_WIDTH - GAP : p.x
    if (x < 0 || x > CHART_WIDTH || p.y < 0 || p.y > CHART_HEIGHT) return
    const r = nearestRegion(view, x, p.y)
    setActive(BODY_REGIONS.indexOf(r))
    add(r.id, x, p.y)
  }

  function onListKey(e: KeyboardEvent<HTMLUListElement>) {
    const last = BODY_REGIONS.length - 1
    const moves: Record<string, number> = {
      ArrowDown: Math.min(active + 1, last),
      ArrowUp: Math.max(active - 1, 0),
      Home: 0,
      End: last,
    }
    if (e.key in moves) {
      e.preventDefault()
      setActive(moves[e.key]!)
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      add(region.id, region.x, region.y)
    }
  }

  return (
    <div className="body-chart-editor">
      <div className="body-chart-tools">
        <fieldset className="mark-kinds">
          <legend>Mark</legend>
          {MARK_KINDS.map((k) => (
            <label key={k} className="mark-kind">
              <input
                type="radio"
                name={`${id}-kind`}
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              <svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true">
                <MarkShape mark={{ region: '', x: 0, y: 0, kind: k, intensity: 2 }} scale={0.9} />
              </svg>
              {MARK_KIND_LABELS[k]}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-intensity`}>Intensity: {intensity} of 5</label>
          <input
            id={`${id}-intensity`}
            type="range"
            min={1}
            max={5}
            step={1}
            value={intensity}
            onChange={(e) => setIntensity(Number(e.target.value))}
          />
        </div>
      </div>
      <div className="body-chart-row">
        <svg
          ref={svgRef}
          className="body-chart body-chart-input"
          viewBox={`0 0 ${CHART_WIDTH * 2 + GAP} ${CHART_HEIGHT + 16}`}
          role="img"
          aria-label="Body chart, front and back: press where to mark, or use the region list"
          onPointerDown={onPointerDown}
        >
          {VIEWS.map((view, i) => (
            <g key={view} transform={`translate(${i * (CHART_WIDTH + GAP)} 0)`}>
              <Outline view={view} />
              {region.view === view && (
                <circle cx={region.x} cy={region.y} r={7} className="region-focus" />
              )}
              {marks
                .filter((m) => viewOf(m) === view)
                .map((m, j) => (
                  <MarkShape key={j} mark={m} />
                ))}
            </g>
          ))}
        </svg>
        <div className="region-picker">
          <p className="field-hint" id={`${id}-regions-hint`}>
            Arrow keys choose a region; Enter marks it.
          </p>
          <ul
            role="listbox"
            tabIndex={0}
            aria-label="Body regions"
            aria-describedby={`${id}-regions-hint`}
            aria-activedescendant={`${id}-region-${active}`}
            className="region-list"
            onKeyDown={onListKey}
          >
            {BODY_REGIONS.map((r, i) => (
              <li
                key={r.id}
                id={`${id}-region-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onClick={() => {
                  setActive(i)
                  add(r.id, r.x, r.y)
                }}
                ref={i === active ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
              >
                {r.label}
              </li>
            ))}
          </ul>
        </div>
      </div>
      {marks.length > 0 && (
        <ul className="mark-list" aria-label="Marks on the chart">
          {marks.map((m, i) => (
            <li key={i}>
              <span>{describeMark(m)}</span>
              <button
                type="button"
                className="button link"
                aria-label={`Remove ${describeMark(m)}`}
                onClick={() => onChange(marks.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

const round = (n: number) => Math.round(n * 10) / 10
