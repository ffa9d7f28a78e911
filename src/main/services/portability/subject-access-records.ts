import type { Kysely } from 'kysely'
import { formatPence } from '../../../shared/money/pounds'
import type { DB } from '../../db/schema'
import type { MeasureKind } from '../../db/schema-runners'
import type { MessageKind, MessageState } from '../../db/schema-messages'
import { when } from '../notes/note-pdf'
import { MUTED, type Writer } from '../pdf/writer'

// The subject access PDF's later sections: money, packages and vouchers, outcome measures,
// documents and the messages sent (issue 16: a client may ask what we sent them and where).
// Each lists what the JSON file holds in full, in words a client can read.

const MEASURE_NAMES: Record<MeasureKind, string> = {
  psfs: 'Patient-Specific Functional Scale (PSFS)',
  lefs: 'Lower Extremity Functional Scale (LEFS)',
  visa_a: 'VISA-A (Achilles)',
  rom: 'Range of motion',
  load: 'Training load',
}

const MESSAGE_KINDS: Record<MessageKind, string> = {
  confirmation: 'Booking confirmation',
  reminder: 'Reminder',
  moved: 'Appointment moved',
  cancelled: 'Appointment cancelled',
  dna: 'Missed appointment',
  aftercare: 'Aftercare follow-up',
  recall: 'Time to rebook',
  test: 'Test message',
}

const MESSAGE_STATES: Record<MessageState, string> = {
  queued: 'waiting to be sent',
  sending: 'being sent',
  sent: 'sent',
  failed: 'not delivered',
  cancelled: 'not sent',
}

/** A section's heading in the subject access PDF. */
export function section(w: Writer, title: string): void {
  w.gap(8)
  w.text(title, { size: 12, bold: true })
  w.gap(2)
}

/** "None." under a section with no rows. */
export const none = (w: Writer, rows: unknown[]) => {
  if (rows.length === 0) w.text('None.', { colour: MUTED })
}

/**
 * Writes the sections for invoices and credit notes, packages and gift vouchers, outcome
 * measures, documents, and messages (every one, whatever its state, with its text: service
 * messages carry no health details by design) for one client. `tz` is the clinic's zone.
 */
export async function writeClientRecords(
  w: Writer,
  db: Kysely<DB>,
  clientId: number,
  tz: string,
): Promise<void> {
  section(w, 'Invoices and credit notes')
  const invoices = await db
    .selectFrom('invoices')
    .select(['number', 'issued_at', 'gross_pence', 'bill_to', 'bill_to_name'])
    .where('client_id', '=', clientId)
    .where('status', '=', 'issued')
    .orderBy('issued_at')
    .execute()
  const credits = await db
    .selectFrom('credit_notes')
    .select(['number', 'issued_at', 'gross_pence', 'reason'])
    .where('client_id', '=', clientId)
    .orderBy('issued_at')
    .execute()
  none(w, [...invoices, ...credits])
  for (const i of invoices) {
    const to = i.bill_to === 'third_party' ? ` · billed to ${i.bill_to_name}` : ''
    w.text(`Invoice ${i.number} · ${when(i.issued_at!, tz)} · ${formatPence(i.gross_pence)}${to}`)
  }
  for (const c of credits) {
    w.text(
      `Credit note ${c.number} · ${when(c.issued_at, tz)} · ${formatPence(c.gross_pence)} · ${c.reason}`,
    )
  }

  section(w, 'Packages and gift vouchers')
  const packages = await db
    .selectFrom('client_packages')
    .select(['id', 'name', 'sessions', 'sold_at', 'expires_on'])
    .where('client_id', '=', clientId)
    .orderBy('sold_at')
    .execute()
  const vouchers = await db
    .selectFrom('gift_vouchers')
    .select(['code', 'value_pence', 'created_at', 'expires_on', 'recipient_name'])
    .where('client_id', '=', clientId)
    .orderBy('created_at')
    .execute()
  none(w, [...packages, ...vouchers])
  for (const p of packages) {
    w.text(
      `${p.name}: ${p.sessions} sessions, bought ${when(p.sold_at, tz)}, use by ${p.expires_on}`,
    )
  }
  for (const v of vouchers) {
    const forWhom = v.recipient_name ? ` for ${v.recipient_name}` : ''
    w.text(
      `Gift voucher ${v.code}${forWhom}: ${formatPence(v.value_pence)}, bought ${when(v.created_at, tz)}, use by ${v.expires_on}`,
    )
  }

  section(w, 'Outcome measures')
  const measures = await db
    .selectFrom('client_measures')
    .select(['kind', 'taken_at', 'score', 'source', 'recorded_by_name', 'superseded_at'])
    .where('client_id', '=', clientId)
    .orderBy('taken_at')
    .orderBy('id')
    .execute()
  none(w, measures)
  for (const m of measures) {
    const score = m.score === null ? '' : ` · score ${m.score}`
    const by =
      m.source === 'client' ? 'filled in by you' : `recorded by ${m.recorded_by_name ?? 'staff'}`
    const old = m.superseded_at ? ' · corrected later' : ''
    w.text(`${when(m.taken_at, tz)} · ${MEASURE_NAMES[m.kind]}${score} · ${by}${old}`)
  }
  if (measures.length > 0) {
    w.text('Every answer is in the JSON file, under client_measures.', { size: 9, colour: MUTED })
  }

  section(w, 'Documents')
  const documents = await db
    .selectFrom('client_documents')
    .select(['title', 'created_at', 'created_by_name'])
    .where('client_id', '=', clientId)
    .orderBy('created_at')
    .execute()
  none(w, documents)
  for (const d of documents) {
    w.text(
      `${d.title} · ${when(d.created_at, tz)}${d.created_by_name ? ` · by ${d.created_by_name}` : ''}`,
    )
  }

  section(w, 'Messages')
  const messages = await db
    .selectFrom('messages')
    .select([
      'kind',
      'channel',
      'to_address',
      'subject',
      'body',
      'state',
      'queued_at',
      'sent_at',
      'cancel_reason',
      'last_error',
    ])
    .where('client_id', '=', clientId)
    .orderBy('queued_at')
    .orderBy('id')
    .execute()
  none(w, messages)
  for (const m of messages) {
    const channel = m.channel === 'email' ? 'E-mail' : 'Text message'
    // Why it was not sent, or why delivery failed, as the outbox recorded it.
    const why =
      m.state === 'cancelled'
        ? m.cancel_reason
        : m.last_error && (m.state === 'failed' ? m.last_error : `last try: ${m.last_error}`)
    w.text(
      `${when(m.sent_at ?? m.queued_at, tz)} · ${MESSAGE_KINDS[m.kind]} · ${channel} to ${m.to_address} · ${MESSAGE_STATES[m.state]}${why ? ` (${why})` : ''}`,
    )
    const text = m.subject ? `${m.subject}: ${m.body}` : m.body
    w.text(text, { size: 9, colour: MUTED, indent: 12 })
  }
}
