import type { OutboxRow } from '../../../../shared/contract/messages'
import { KIND_LABELS } from '../../../../shared/messages/templates'
import { formatInstant } from '../../clinic-time'

export const when = (iso: string | null) => (iso ? formatInstant(iso, 'EEE d MMM, HH:mm') : '')

export const channelLabel = (c: 'email' | 'sms') => (c === 'email' ? 'E-mail' : 'SMS')

export const kindLabel = (row: Pick<OutboxRow, 'kind'>) => KIND_LABELS[row.kind]

/** "Sent Tue 16 Jun, 09:00", "Queued for …", "Failed: reason", "Skipped". */
export function stateWords(row: OutboxRow): string {
  switch (row.state) {
    case 'sent':
      return `Sent ${when(row.sentAt)}${row.delivery ? ` · ${row.delivery}` : ''}`
    case 'queued':
      return row.lastError
        ? `Waiting (tried ${row.attempts}×: ${row.lastError})`
        : `Queued for ${when(row.dueAt)}`
    case 'sending':
      return 'Sending…'
    case 'failed':
      return `Failed: ${row.lastError ?? 'unknown reason'}`
    case 'cancelled':
      return row.cancelReason === 'skipped' ? 'Skipped' : `Cancelled (${row.cancelReason ?? ''})`
  }
}

export const pounds = (pence: number) => `£${(pence / 100).toFixed(2)}`
