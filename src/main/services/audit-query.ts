import { TZDate } from '@date-fns/tz'
import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely'
import type { AuditEntryView, AuditFilter } from '../../shared/contract/audit'
import type { AuditLogTable, DB } from '../db/schema'
import { auditActionPatterns } from '../../shared/audit-actions'
import { csvCell } from './csv-cell'

/** Midnight at the start of a local date in the clinic's zone, as a UTC instant. */
function startOfLocalDay(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime()).toISOString()
}

function nextLocalDay(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(new TZDate(y, m - 1, d + 1, timeZone).getTime()).toISOString()
}

function filtered<O>(
  query: SelectQueryBuilder<DB, 'audit_log', O>,
  filter: AuditFilter,
  timeZone: string,
): SelectQueryBuilder<DB, 'audit_log', O> {
  let q = query
  if (filter.userId !== undefined) q = q.where('user_id', '=', filter.userId)
  if (filter.action) {
    const patterns = auditActionPatterns(filter.action)
    // A domain ('clients.') matches by prefix, a whole name exactly.
    q = q.where((eb) =>
      eb.or(
        patterns.map((p) =>
          p.endsWith('.') ? eb('action', 'like', `${p}%`) : eb('action', '=', p),
        ),
      ),
    )
  }
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType)
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId)
  if (filter.from) q = q.where('at', '>=', startOfLocalDay(filter.from, timeZone))
  if (filter.to) q = q.where('at', '<', nextLocalDay(filter.to, timeZone))
  return q
}

function toView(row: Selectable<AuditLogTable>): AuditEntryView {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    summary: row.summary,
    workstation: row.workstation,
  }
}

export async function listAudit(
  db: Kysely<DB>,
  filter: AuditFilter & { beforeId?: number | undefined; limit: number },
  timeZone: string,
): Promise<{ entries: AuditEntryView[]; hasMore: boolean }> {
  let q = filtered(db.selectFrom('audit_log').selectAll(), filter, timeZone)
  if (filter.beforeId !== undefined) q = q.where('id', '<', filter.beforeId)
  const rows = await q
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute()
  return { entries: rows.slice(0, filter.limit).map(toView), hasMore: rows.length > filter.limit }
}

export async function auditCsv(
  db: Kysely<DB>,
  filter: AuditFilter,
  timeZone: string,
): Promise<{ csv: string; rows: number }> {
  const rows = await filtered(db.selectFrom('audit_log').selectAll(), filter, timeZone)
    .orderBy('id', 'asc')
    .execute()
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'medium',
  })
  const header = [
    'id',
    'time (UTC)',
    'local time',
    'user',
    'action',
    'entity',
    'entity id',
    'summary',
    'workstation',
  ]
  const lines = [header.join(',')]
  for (const r of rows) {
    lines.push(
      [
        r.id,
        r.at,
        local.format(new Date(r.at)),
        r.username,
        r.action,
        r.entity_type,
        r.entity_id,
        r.summary,
        r.workstation,
      ]
        .map(csvCell)
        .join(','),
    )
  }
  return { csv: lines.join('\r\n') + '\r\n', rows: rows.length }
}
