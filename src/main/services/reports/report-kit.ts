import type { Kysely } from 'kysely'
import type {
  ReportColumn,
  ReportFigure,
  ReportSeries,
  ReportTable,
  ValueKind,
} from '../../../shared/contract/report-values'
import type { DB } from '../../db/schema'
import type { Period } from './range'
import { DomainError } from '../domain-error'
import { addDays, utcToZoned, zonedToUtc } from '../diary/clinic-clock'
import { DEFINITIONS, type DefinitionId } from './definitions'

/** What every report query is given: the period, the one before, the filters and the clock. */
export interface ReportContext {
  db: Kysely<DB>
  period: Period
  /** Null when the caller asked for no comparison. */
  previous: Period | null
  timeZone: string
  /** Only this therapist's figures (a therapist's own view, or the owner's filter). */
  therapistId: number | null
  serviceId: number | null
  now: Date
  rebookWindowDays: number
  recallWeeks: number
  commissionBasis: 'received' | 'invoiced'
}

/** The figures, tables and charts of one report, before the router adds its id and periods. */
export interface ReportBody {
  title: string
  figures: ReportFigure[]
  tables: ReportTable[]
  series: ReportSeries[]
}

/** A report: its figures and, on request, the rows behind one of them (every row, unpaged). */
export interface ReportDefinition {
  run(ctx: ReportContext): Promise<ReportBody>
  rows(ctx: ReportContext, figureId: string): Promise<ReportTable>
}

export function figure(
  id: string,
  label: string,
  kind: ValueKind,
  value: number | null,
  previous: number | null,
  definition: DefinitionId,
  hasRows = true,
): ReportFigure {
  return { id, label, kind, value, previous, definition: DEFINITIONS[definition], hasRows }
}

/** A rate, or null over nothing. */
export const rate = (part: number, whole: number): number | null =>
  whole > 0 ? part / whole : null

type ColumnSpec = [key: string, label: string, kind: ReportColumn['kind']]

export function table(
  id: string,
  title: string,
  definition: DefinitionId,
  columns: ColumnSpec[],
  rows: Record<string, string | number | null>[],
  link: ReportTable['link'] = null,
): ReportTable {
  return {
    id,
    title,
    definition: DEFINITIONS[definition],
    columns: columns.map(([key, label, kind]) => ({ key, label, kind })),
    rows,
    link,
    total: rows.length,
  }
}

/** Adds `amount` to a running total under `key`. */
export function addTo<K>(map: Map<K, number>, key: K, amount: number): void {
  map.set(key, (map.get(key) ?? 0) + amount)
}

export function unknownFigure(figureId: string): never {
  throw new DomainError('not_found', `This report has no rows behind "${figureId}".`)
}

/** SQLite's bound-parameter limit is 999 on old builds: IN lists go in chunks below it. */
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** A client's name as the screens show it. */
export const fullName = (first: string | null, last: string | null) =>
  `${first ?? ''} ${last ?? ''}`.trim()

/**
 * A reader of clinic-local dates for many instants that come mostly in time order (a year's
 * payments): it remembers the last date's UTC bounds, so each instant in the same day costs two
 * text comparisons (stored instants share one ISO form, so text order is time order); a new
 * day costs Intl's formatToParts (~20 µs). A memo keyed by each instant's quarter hour, built
 * as a string per instant, was still a tenth of a year's takings report.
 */
export function localDateReader(timeZone: string): (iso: string) => string {
  let from = ''
  let to = ''
  let date = ''
  return (iso) => {
    if (iso >= from && iso < to) return date
    const d = utcToZoned(Date.parse(iso), timeZone).date
    const start = new Date(zonedToUtc(d, 0, timeZone)).toISOString()
    const end = new Date(zonedToUtc(addDays(d, 1), 0, timeZone)).toISOString()
    // Kept only if they hold the instant (a zone's odd midnight cannot make it wrong).
    if (iso >= start && iso < end) [from, to, date] = [start, end, d]
    return d
  }
}
