import type { ClientProgress } from '../../../../shared/contract/measures'
import { LEFS_MCID } from '../../../../shared/measures/lefs'
import { PSFS_ACTIVITY_CHANGE } from '../../../../shared/measures/psfs'
import { formatInstant } from '../../clinic-time'

// The text alternative of each chart: what a sighted reader takes from the lines, in words.

const day = (iso: string) => formatInstant(iso, 'd MMM yyyy')

function change(first: number, last: number, unit: string, matters: number | null): string {
  const d = Math.round((last - first) * 10) / 10
  if (d === 0) return 'no change'
  const dir = d > 0 ? `up ${d}${unit}` : `down ${-d}${unit}`
  if (matters === null) return dir
  return Math.abs(d) >= matters
    ? `${dir}, a change that matters (${matters} or more)`
    : `${dir}, less than the ${matters} that matters`
}

type Point = { at: string; score: number }

/** "Run 10 km: 3 on 1 May 2026 → 6 on 15 May 2026 (up 3, a change that matters …)". */
export function scoreWords(
  name: string,
  points: readonly Point[],
  outOf: number,
  matters: number | null,
): string {
  if (points.length === 0) return `${name}: not recorded yet.`
  const first = points[0]!
  const last = points.at(-1)!
  if (points.length === 1) return `${name}: ${first.score} out of ${outOf} on ${day(first.at)}.`
  return `${name}: ${first.score} on ${day(first.at)} → ${last.score} out of ${outOf} on ${day(last.at)}, over ${points.length} recordings (${change(first.score, last.score, '', matters)}).`
}

export const psfsWords = (line: ClientProgress['psfs'][number]) =>
  scoreWords(line.activity, line.points, 10, PSFS_ACTIVITY_CHANGE)
export const lefsWords = (points: readonly Point[]) => scoreWords('LEFS', points, 80, LEFS_MCID)
export const visaAWords = (points: readonly Point[]) => scoreWords('VISA-A', points, 100, null)

/** "Straight-leg raise: left 60° → 72°, right 80° → 80°; asymmetry 25% → 10%." */
export function romWords(line: ClientProgress['rom'][number]): string {
  const first = line.points[0]
  const last = line.points.at(-1)
  if (!first || !last) return `${line.label}: not recorded yet.`
  const u = line.unit === '°' ? '°' : ` ${line.unit}`
  const v = (n: number | null) => (n === null ? '–' : `${n}${u}`)
  if (!line.sided)
    return `${line.label}: ${v(first.left)} → ${v(last.left)} (${line.points.length} recordings).`
  const asym = (n: number | null) => (n === null ? '–' : `${n}%`)
  return `${line.label}: left ${v(first.left)} → ${v(last.left)}, right ${v(first.right)} → ${v(last.right)}; asymmetry ${asym(first.asymmetry)} → ${asym(last.asymmetry)} (${line.points.length} recordings).`
}
