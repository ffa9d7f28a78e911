import type { Kysely } from 'kysely'
import { WEEKDAY_NAMES } from '../../../shared/contract/diary-setup'
import { formatPence } from '../../../shared/money/pounds'
import type { DB } from '../../db/schema'
import { when } from '../notes/note-pdf'
import { MUTED, type Writer } from '../pdf/writer'
import { none, section } from './subject-access-records'

// The subject access PDF's last sections: the waiting list (a user trial found its entry and
// note only in the JSON), payments and the account balance, package sessions, merges and the
// record's own history: so every table the JSON lists under `related`, and its `history`,
// has its words in the PDF too (checked by tests/integration/portability-sar-pdf.test.ts).

const LEDGER_KINDS = {
  payment: 'Payment',
  refund: 'Refund',
  transfer: 'Moved to or from your account',
  reversal: 'Correction',
} as const
const SESSION_KINDS = { use: 'Session used', reversal: 'Session given back', refund: 'Refunded' }
const URGENCY = { low: 'low', normal: 'normal', high: 'high' } as const

/** "Mon, Wed 09:00–12:00" for one of a waiting-list entry's preferred times. */
function windowLabel(window: { weekdays: number[]; after: string; before: string }): string {
  const days =
    window.weekdays.length === 7
      ? 'Any day'
      : window.weekdays.map((d) => WEEKDAY_NAMES[d - 1]!.slice(0, 3)).join(', ')
  return `${days} ${window.after}–${window.before}`
}

/**
 * Writes the waiting list (every entry, resolved ones too, with its note), payments and
 * refunds with the account balance, package sessions, merges, and the record's history
 * (the audit log's lines about this client) for one client. `tz` is the clinic's zone.
 */
export async function writeClientAccount(
  w: Writer,
  db: Kysely<DB>,
  clientId: number,
  tz: string,
): Promise<void> {
  section(w, 'Waiting list')
  const waiting = await db
    .selectFrom('waitlist')
    .innerJoin('services', 'services.id', 'waitlist.service_id')
    .select([
      'services.name as service',
      'waitlist.windows',
      'waitlist.urgency',
      'waitlist.notes',
      'waitlist.created_at',
      'waitlist.resolved_at',
    ])
    .where('waitlist.client_id', '=', clientId)
    .orderBy('waitlist.created_at')
    .execute()
  none(w, waiting)
  for (const e of waiting) {
    const windows = (JSON.parse(e.windows) as Parameters<typeof windowLabel>[0][]).map(windowLabel)
    const done = e.resolved_at ? ` · taken off ${when(e.resolved_at, tz)}` : ''
    w.text(`${e.service} · added ${when(e.created_at, tz)} · ${URGENCY[e.urgency]} priority${done}`)
    const extra = [windows.length ? `Times: ${windows.join('; ')}` : '', e.notes].filter(Boolean)
    if (extra.length > 0) w.text(extra.join(' · '), { size: 9, colour: MUTED, indent: 12 })
  }

  section(w, 'Payments and account')
  const entries = await db
    .selectFrom('ledger_entries as l')
    .innerJoin('payment_methods as m', 'm.id', 'l.method_id')
    .select(['l.at', 'l.kind', 'l.amount_pence', 'l.reference', 'l.reason', 'm.name as method'])
    .where('l.client_id', '=', clientId)
    .orderBy('l.at')
    .orderBy('l.id')
    .execute()
  const balance = await db
    .selectFrom('client_balances')
    .select(['owes_pence', 'credit_pence'])
    .where('client_id', '=', clientId)
    .executeTakeFirst()
  none(w, entries)
  for (const e of entries) {
    const extra = [e.reference && `ref ${e.reference}`, e.reason].filter(Boolean).join(' · ')
    w.text(
      `${when(e.at, tz)} · ${LEDGER_KINDS[e.kind]} · ${formatPence(e.amount_pence)} · ${e.method}${extra ? ` · ${extra}` : ''}`,
    )
  }
  if (balance && (balance.owes_pence || balance.credit_pence)) {
    w.text(
      `Balance: you owe ${formatPence(balance.owes_pence)}; account credit ${formatPence(balance.credit_pence)}`,
    )
  }

  section(w, 'Package sessions')
  const sessions = await db
    .selectFrom('package_sessions as s')
    .innerJoin('client_packages as p', 'p.id', 's.package_id')
    .select(['s.at', 's.kind', 's.sessions', 's.reason', 'p.name'])
    .where('s.client_id', '=', clientId)
    .orderBy('s.at')
    .orderBy('s.id')
    .execute()
  none(w, sessions)
  for (const s of sessions) {
    w.text(
      `${when(s.at, tz)} · ${SESSION_KINDS[s.kind]} · ${s.name} · ${s.sessions}${s.reason ? ` · ${s.reason}` : ''}`,
    )
  }

  section(w, 'History of the record')
  const merges = await db
    .selectFrom('client_merges')
    .select(['kept_id', 'merged_id', 'at', 'undone_at'])
    .where((eb) => eb.or([eb('kept_id', '=', clientId), eb('merged_id', '=', clientId)]))
    .orderBy('at')
    .execute()
  for (const m of merges) {
    const other = m.kept_id === clientId ? m.merged_id : m.kept_id
    const undone = m.undone_at ? ` (undone ${when(m.undone_at, tz)})` : ''
    w.text(`${when(m.at, tz)} · Merged with record number ${other}${undone}`)
  }
  const history = await db
    .selectFrom('audit_log')
    .select(['at', 'username', 'summary'])
    .where('entity_type', '=', 'client')
    .where('entity_id', '=', String(clientId))
    .orderBy('id')
    .execute()
  none(w, [...merges, ...history])
  for (const h of history) {
    w.text(`${when(h.at, tz)} · ${h.summary}${h.username ? ` · ${h.username}` : ''}`, {
      size: 9,
    })
  }
}
