/**
 * The body chart's regions, on a 100 × 220 outline per side (front and back). Marks store
 * the region id and a point in the same units, so the note view, the PDF and the progress
 * view all draw them again from data.
 */
export type BodyView = 'front' | 'back'

export interface BodyRegion {
  id: string
  label: string
  view: BodyView
  /** Centre of the region, in chart units. */
  x: number
  y: number
}

const both = (id: string, label: string, view: BodyView, x: number, y: number): BodyRegion[] => [
  // The chart is drawn as seen facing the client from the front, so their right is on the
  // chart's left; from the back, their right is on the chart's right.
  { id: `${id}-r`, label: `Right ${label}`, view, x: view === 'front' ? 100 - x : x, y },
  { id: `${id}-l`, label: `Left ${label}`, view, x: view === 'front' ? x : 100 - x, y },
]

export const BODY_REGIONS: BodyRegion[] = [
  { id: 'head-front', label: 'Head (front)', view: 'front', x: 50, y: 14 },
  { id: 'neck-front', label: 'Neck (front)', view: 'front', x: 50, y: 31 },
  ...both('shoulder-front', 'shoulder (front)', 'front', 70, 42),
  { id: 'chest', label: 'Chest', view: 'front', x: 50, y: 52 },
  ...both('biceps', 'upper arm (front)', 'front', 76, 62),
  ...both('forearm-front', 'forearm (front)', 'front', 80, 88),
  { id: 'abdomen', label: 'Abdomen', view: 'front', x: 50, y: 80 },
  ...both('hip-front', 'hip / groin', 'front', 62, 104),
  ...both('quadriceps', 'thigh (quadriceps)', 'front', 60, 128),
  ...both('knee-front', 'knee', 'front', 59, 152),
  ...both('shin', 'shin', 'front', 58, 176),
  ...both('foot-front', 'foot', 'front', 58, 207),
  { id: 'head-back', label: 'Head (back)', view: 'back', x: 50, y: 14 },
  { id: 'neck-back', label: 'Neck (back)', view: 'back', x: 50, y: 31 },
  ...both('trapezius', 'upper trapezius', 'back', 63, 38),
  ...both('scapula', 'shoulder blade', 'back', 62, 52),
  ...both('triceps', 'upper arm (back)', 'back', 76, 62),
  ...both('forearm-back', 'forearm (back)', 'back', 80, 88),
  { id: 'thoracic', label: 'Mid back (thoracic)', view: 'back', x: 50, y: 64 },
  { id: 'lumbar', label: 'Lower back (lumbar)', view: 'back', x: 50, y: 86 },
  ...both('glute', 'glute', 'back', 61, 104),
  ...both('hamstring', 'hamstring', 'back', 60, 130),
  ...both('calf', 'calf', 'back', 58, 176),
  ...both('heel', 'heel / Achilles', 'back', 58, 207),
]

export const REGION_BY_ID = new Map(BODY_REGIONS.map((r) => [r.id, r]))

/** The region nearest a point on one side of the chart: a click or tap lands on one. */
export function nearestRegion(view: BodyView, x: number, y: number): BodyRegion {
  let best: BodyRegion | null = null
  let bestDistance = Infinity
  for (const r of BODY_REGIONS) {
    if (r.view !== view) continue
    const d = (r.x - x) ** 2 + (r.y - y) ** 2
    if (d < bestDistance) {
      best = r
      bestDistance = d
    }
  }
  return best!
}

export const MARK_KINDS = ['pain', 'tightness', 'trigger_point', 'treated'] as const
export type MarkKind = (typeof MARK_KINDS)[number]
export const MARK_KIND_LABELS: Record<MarkKind, string> = {
  pain: 'Pain',
  tightness: 'Tightness',
  trigger_point: 'Trigger point',
  treated: 'Treated',
}
/** Colour and shape differ per kind, so the chart reads without colour too. */
export const MARK_KIND_STYLE: Record<
  MarkKind,
  { colour: string; shape: 'circle' | 'square' | 'cross' | 'diamond' }
> = {
  pain: { colour: '#c0262d', shape: 'circle' },
  tightness: { colour: '#b45309', shape: 'square' },
  trigger_point: { colour: '#6d28d9', shape: 'cross' },
  treated: { colour: '#047857', shape: 'diamond' },
}

export const TECHNIQUES = [
  'Effleurage',
  'Petrissage',
  'Deep tissue',
  'Trigger point',
  'Myofascial release',
  'Soft tissue release',
  'Muscle energy technique',
  'Stretching',
  'Cupping',
  'IASTM',
  'Taping',
  'Other',
] as const
