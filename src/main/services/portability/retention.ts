import { addYears } from 'date-fns/addYears'
import { formatISO } from 'date-fns/formatISO'
import { parseISO } from 'date-fns/parseISO'
import type { Kysely } from 'kysely'
import type { RetentionDue } from '../../../shared/contract/retention'
import { removeClientDocuments } from '../../db/fts/clients-index'
import type { DB } from '../../db/schema'
import { requireClient } from '../clients/alerts'
import { displayNameOf } from '../clients/client-record'
import { DomainError } from '../domain-error'
import { dropClientDocuments } from '../documents/client-documents'
import { eraseClientNotes } from '../notes/note-erasure'
import { eraseAppointmentText } from '../diary/appointment-erasure'
import { eraseClientMoneyIdentity, hasMoneyHistory } from '../money/money-erasure'

const CHILD_UNTIL_AGE = 25
const isoDay = (d: Date) => formatISO(d, { representation: 'date' })

export async function getRetentionYears(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('retention_settings')
    .select('years')
    .where('id', '=', 1)
    .executeTakeFirst()
  return row?.years ?? 8
}

export async function setRetentionYears(db: Kysely<DB>, years: number): Promise<void> {
  await db.updateTable('retention_settings').set({ years }).where('id', '=', 1).execute()
}

/** Last completed appointment per client (ISO instant of its start), for the retention clock. */
async function lastTreatments(db: Kysely<DB>): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('appointments')
    .select(['client_id', (eb) => eb.fn.max('starts_at').as('last')])
    .where('status', '=', 'completed')
    .groupBy('client_id')
    .execute()
  return new Map(rows.map((r) => [r.client_id, r.last]))
}

/**
 * When a record may go: the last treatment plus the retention years, or, for someone treated
 * as a child, their 25th birthday if that is later (the usual UK rule for health records).
 */
export function keepUntil(lastTreatment: string, dateOfBirth: string, years: number) {
  const byYears = addYears(parseISO(lastTreatment.slice(0, 10)), years)
  if (!dateOfBirth) return { until: isoDay(byYears), child: false }
  const eighteenth = addYears(parseISO(dateOfBirth), 18)
  const child = parseISO(lastTreatment.slice(0, 10)) < eighteenth
  const twentyFifth = addYears(parseISO(dateOfBirth), CHILD_UNTIL_AGE)
  const until = child && twentyFifth > byYears ? twentyFifth : byYears
  return { until: isoDay(until), child }
}

export async function recordsPastRetention(db: Kysely<DB>, now: Date): Promise<RetentionDue[]> {
  const years = await getRetentionYears(db)
  const last = await lastTreatments(db)
  const clients = await db
    .selectFrom('clients')
    .select([
      'id',
      'title',
      'first_name',
      'last_name',
      'preferred_name',
      'date_of_birth',
      'updated_at',
    ])
    .where('merged_into_id', 'is', null)
    .where('anonymised_at', 'is', null)
    .execute()
  const today = isoDay(now)
  const due: RetentionDue[] = []
  for (const c of clients) {
    const lastTreatmentAt = last.get(c.id) ?? c.updated_at
    const { until, child } = keepUntil(lastTreatmentAt, c.date_of_birth, years)
    if (until < today) {
      due.push({
        id: c.id,
        displayName: displayNameOf(c),
        dateOfBirth: c.date_of_birth,
        lastTreatmentAt,
        keepUntil: until,
        child,
      })
    }
  }
  return due.sort((a, b) => a.keepUntil.localeCompare(b.keepUntil))
}

/** Rows holding clinical free text about a client, removed by both anonymise and delete. */
// Kept documents (aftercare sheets, letters) go through dropClientDocuments: their files too.
const CLINICAL_TABLES = ['client_alerts', 'health_questionnaires', 'client_measures'] as const

/**
 * Keeps the row (so appointment counts, takings and referral figures still add up) but
 * removes who it was and everything typed about them: names, contact details, birthday,
 * GP, emergency contact, notes, goals, alerts, questionnaires, and the clinical text,
 * body charts, addenda and attachments of treatment notes, signed ones included. Kept: sex/gender, the
 * referral source, the year of the first visit (created_at) and the record's id.
 */
export async function anonymiseClient(
  db: Kysely<DB>,
  clientId: number,
  now: Date,
): Promise<{ unusedAttachments: string[] }> {
  const client = await requireClient(db, clientId)
  if (client.anonymised_at) throw new DomainError('conflict', 'That record is already anonymised.')
  const documentFiles = await dropClientDocuments(db, clientId)
  for (const table of CLINICAL_TABLES) {
    await db.deleteFrom(table).where('client_id', '=', clientId).execute()
  }
  await db.deleteFrom('waitlist').where('client_id', '=', clientId).execute()
  // Messages hold the client's address and name (issue 16): none is kept.
  await db.deleteFrom('messages').where('client_id', '=', clientId).execute()
  // Keep each appointment's date, service and price for the figures; drop what was typed.
  await eraseAppointmentText(db, clientId)
  await removeClientDocuments(db, [clientId])
  await db
    .updateTable('clients')
    .set({
      title: '',
      first_name: 'Anonymised',
      last_name: `client ${clientId}`,
      preferred_name: '',
      date_of_birth: '',
      mobile: '',
      other_phone: '',
      email: '',
      address: '',
      postcode: '',
      occupation: '',
      emergency_name: '',
      emergency_relationship: '',
      emergency_phone: '',
      gp_name: '',
      gp_practice: '',
      gp_address: '',
      notes: '',
      tags: '[]',
      sports: '',
      weekly_training: '',
      weekly_km: null,
      longest_run_km: null,
      runs_per_week: null,
      event_distance_km: null,
      event_name: '',
      event_date: '',
      goals: '',
      consent_treatment_by: null,
      consent_data_notice_by: null,
      marketing_email_at: null,
      marketing_email_by: null,
      marketing_sms_at: null,
      marketing_sms_by: null,
      first_name_norm: '',
      last_name_norm: '',
      preferred_name_norm: '',
      mobile_norm: '',
      other_phone_norm: '',
      email_norm: '',
      postcode_norm: '',
      alert_summary: '[]',
      import_ref: null,
      anonymised_at: now.toISOString(),
      archived_at: client.archived_at ?? now.toISOString(),
      updated_at: now.toISOString(),
    })
    .where('id', '=', clientId)
    .execute()
  // A merge keeps a snapshot of the record merged away: that holds identity too.
  await db
    .updateTable('client_merges')
    .set({ snapshot: '{}' })
    .where((eb) => eb.or([eb('kept_id', '=', clientId), eb('merged_id', '=', clientId)]))
    .execute()
  // Only now that the record is marked anonymised will the database let signed notes lose
  // their text (migration 0600) and issued invoices lose the client's name (0800).
  await eraseClientMoneyIdentity(db, clientId)
  return {
    unusedAttachments: [...documentFiles, ...(await eraseClientNotes(db, clientId, now))],
  }
}

/** Removes the record altogether. Refused while other records point at it (a merge). */
/** Returns the kept documents' files to remove once the change has committed. */
export async function deleteClient(db: Kysely<DB>, clientId: number): Promise<string[]> {
  await requireClient(db, clientId)
  const merged = await db
    .selectFrom('clients')
    .select('id')
    .where('merged_into_id', '=', clientId)
    .executeTakeFirst()
  if (merged) {
    throw new DomainError(
      'conflict',
      'Another record was merged into this one; anonymise it instead of deleting it.',
    )
  }
  // Appointments and treatment notes are the clinic's own history (and signed notes cannot
  // be removed at all): a record that has any is anonymised, never deleted.
  const history = await db
    .selectFrom('appointments')
    .select('id')
    .where('client_id', '=', clientId)
    .unionAll(db.selectFrom('notes').select('id').where('client_id', '=', clientId))
    .limit(1)
    .executeTakeFirst()
  if (history || (await hasMoneyHistory(db, clientId))) {
    throw new DomainError(
      'conflict',
      'This client has appointments, treatment notes or invoices; anonymise the record instead of deleting it.',
    )
  }
  const documentFiles = await dropClientDocuments(db, clientId)
  for (const table of CLINICAL_TABLES) {
    await db.deleteFrom(table).where('client_id', '=', clientId).execute()
  }
  await db.deleteFrom('waitlist').where('client_id', '=', clientId).execute()
  // Messages hold the client's address and name (issue 16): none is kept.
  await db.deleteFrom('messages').where('client_id', '=', clientId).execute()
  await db
    .deleteFrom('client_merges')
    .where((eb) => eb.or([eb('kept_id', '=', clientId), eb('merged_id', '=', clientId)]))
    .execute()
  await removeClientDocuments(db, [clientId])
  await db.deleteFrom('clients').where('id', '=', clientId).execute()
  return documentFiles
}
