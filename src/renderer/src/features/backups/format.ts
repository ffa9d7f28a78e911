import type { BackupInfo } from '../../../../shared/contract/backups'
import { formatInstant } from '../../clinic-time'

export const REASON_LABELS: Record<BackupInfo['reason'], string> = {
  daily: 'Daily',
  interval: 'While working',
  quit: 'On closing',
  manual: 'Backed up by hand',
  'pre-migration': 'Before an update',
  'pre-restore': 'Before a restore',
}

export function formatWhen(iso: string): string {
  return formatInstant(iso, 'EEE d MMM yyyy, HH:mm')
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

// What the owner recognises; Plinth's own bookkeeping tables are left out.
const TABLE_LABELS: Record<string, [string, string]> = {
  clients: ['client', 'clients'],
  appointments: ['appointment', 'appointments'],
  notes: ['note', 'notes'],
  treatment_notes: ['note', 'notes'],
  invoices: ['invoice', 'invoices'],
  staff: ['staff member', 'staff'],
  users: ['user', 'users'],
  audit_log: ['audit entry', 'audit entries'],
}

export function describeCounts(
  counts: Record<string, number>,
  attachments: BackupInfo['attachments'] = null,
): string {
  const parts = Object.entries(TABLE_LABELS)
    .filter(([table]) => table in counts)
    .map(([table, [one, many]]) => `${counts[table]} ${counts[table] === 1 ? one : many}`)
  if (attachments && attachments.count > 0) {
    parts.push(`${attachments.count} attachment${attachments.count === 1 ? '' : 's'}`)
  }
  return parts.length > 0 ? parts.join(' · ') : 'Settings only'
}
