import { formatPence } from '../../../shared/money/pounds'
import type { Kysely } from 'kysely'
import type { PDFImage } from 'pdf-lib'
import { STATUS_LABELS } from '../../../shared/contract/diary'
import {
  allergyLabel,
  conditionOf,
  type AllergyCode,
  type ConditionCode,
} from '../../../shared/clients/health'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { requireClient } from '../clients/alerts'
import { displayNameOf } from '../clients/client-record'
import { fullNote, requireNote } from '../notes/note-record'
import { when, writeNote, type AttachmentBytes } from '../notes/note-pdf'
import { clinicDocument } from '../pdf/clinic-document'
import { MUTED } from '../pdf/writer'
import { getClinicSettings } from '../settings'
import { writeClientAccount } from './subject-access-account'
import { section, writeClientRecords } from './subject-access-records'

const SEVERITY_LABELS = {
  contraindication: 'Contraindication',
  caution: 'Caution',
  info: 'For information',
} as const

/** A dd/mm/yyyy date from a stored yyyy-mm-dd one, as the clinic writes dates. */
function ukDate(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDay
}

function consentLine(at: string | null, by: string | null, timeZone: string): string {
  if (!at) return 'Not given'
  return `Given ${when(at, timeZone)}${by ? `, recorded by ${by}` : ''}`
}

/**
 * One client's complete record as a readable PDF (UK GDPR art. 15), the companion of the
 * JSON from subjectAccessRecord: identity, contact, consents, every questionnaire version,
 * alerts (removed ones too), appointments, every treatment note with its addenda, then
 * invoices, packages, measures, documents and messages (subject-access-records.ts), then the
 * waiting list, payments, package sessions and the record's history (-account.ts). Only
 * the owner runs it, so every note is included whoever wrote it.
 */
export async function subjectAccessPdf(
  db: Kysely<DB>,
  clientId: number,
  session: Actor,
  now: Date,
  /** The attached files, hash-checked: photos are drawn in as in the notes PDF. */
  bytesOf: AttachmentBytes,
): Promise<Uint8Array> {
  const client = await requireClient(db, clientId)
  const clinic = await getClinicSettings(db)
  const tz = clinic.timeZone
  const name = displayNameOf(client)
  const { doc, w } = await clinicDocument(
    clinic,
    `Subject access request – ${name}`,
    `Everything we hold about ${name}`,
    `Subject access request · produced by ${session.displayName} on ${when(now.toISOString(), tz)} · confidential`,
  )
  w.text(
    'This document, with the JSON file produced alongside it, is the complete record the clinic holds about you.',
    { size: 9, colour: MUTED },
  )

  section(w, 'Identity')
  w.labelled('Name', [client.title, client.first_name, client.last_name].filter(Boolean).join(' '))
  w.labelled('Preferred name', client.preferred_name)
  w.labelled('Date of birth', client.date_of_birth ? ukDate(client.date_of_birth) : '')
  w.labelled('Gender', client.gender)
  w.labelled('Occupation', client.occupation)
  w.labelled('Client number', String(client.id))

  section(w, 'Contact')
  w.labelled('Mobile', client.mobile)
  w.labelled('Other phone', client.other_phone)
  w.labelled('Email', client.email)
  w.labelled('Address', [client.address, client.postcode].filter(Boolean).join('\n'))
  w.labelled(
    'Emergency contact',
    [
      client.emergency_name,
      client.emergency_relationship && `(${client.emergency_relationship})`,
      client.emergency_phone,
    ]
      .filter(Boolean)
      .join(' '),
  )
  w.labelled(
    'GP',
    [client.gp_name, client.gp_practice, client.gp_address].filter(Boolean).join(', '),
  )
  w.labelled('How you heard of us', client.referral_source)
  w.labelled('Sports', client.sports)
  w.labelled('Weekly training', client.weekly_training)
  w.labelled(
    'Running',
    [
      client.weekly_km !== null && `${client.weekly_km} km a week`,
      client.runs_per_week !== null && `${client.runs_per_week} runs a week`,
      client.longest_run_km !== null && `longest run ${client.longest_run_km} km`,
    ]
      .filter(Boolean)
      .join(', '),
  )
  w.labelled(
    'Event',
    [
      client.event_name,
      client.event_date && ukDate(client.event_date),
      client.event_distance_km !== null && `${client.event_distance_km} km`,
    ]
      .filter(Boolean)
      .join(', '),
  )
  w.labelled('Goals', client.goals)
  w.labelled('Notes on the record', client.notes)

  section(w, 'Consents')
  w.labelled(
    'Consent to treatment',
    consentLine(client.consent_treatment_at, client.consent_treatment_by, tz),
  )
  w.labelled(
    'Privacy notice acknowledged',
    consentLine(client.consent_data_notice_at, client.consent_data_notice_by, tz),
  )
  w.labelled(
    'Marketing by email',
    consentLine(client.marketing_email_at, client.marketing_email_by, tz),
  )
  w.labelled('Marketing by text', consentLine(client.marketing_sms_at, client.marketing_sms_by, tz))

  section(w, 'Health questionnaires')
  const questionnaires = await db
    .selectFrom('health_questionnaires')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('version')
    .execute()
  if (questionnaires.length === 0) w.text('None recorded.', { colour: MUTED })
  for (const q of questionnaires) {
    w.text(
      `Version ${q.version} · answered ${when(q.answered_at, tz)}${q.recorded_by_name ? ` · recorded by ${q.recorded_by_name}` : ''}`,
      { bold: true },
    )
    const conditions = (JSON.parse(q.conditions) as { code: ConditionCode; detail: string }[]).map(
      ({ code, detail }) =>
        detail ? `${conditionOf(code).label} (${detail})` : conditionOf(code).label,
    )
    const allergies = (JSON.parse(q.allergies) as AllergyCode[]).map(allergyLabel)
    w.labelled(
      'Conditions',
      [...conditions, q.other_conditions].filter(Boolean).join('; ') || 'None',
    )
    w.labelled('Medications', q.medications || 'None')
    w.labelled('Allergies', [...allergies, q.other_allergies].filter(Boolean).join('; ') || 'None')
    w.labelled('Review due', ukDate(q.review_due_on))
  }

  section(w, 'Alerts')
  const alerts = await db
    .selectFrom('client_alerts')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('id')
    .execute()
  if (alerts.length === 0) w.text('None recorded.', { colour: MUTED })
  for (const a of alerts) {
    const removed = a.removed_at ? ` · removed ${when(a.removed_at, tz)}` : ''
    w.text(`${SEVERITY_LABELS[a.severity]}: ${a.text} (added ${when(a.created_at, tz)}${removed})`)
  }

  section(w, 'Appointments')
  const appointments = await db
    .selectFrom('appointments')
    .innerJoin('therapists', 'therapists.id', 'appointments.therapist_id')
    .innerJoin('services', 'services.id', 'appointments.service_id')
    .select([
      'appointments.starts_at',
      'appointments.ends_at',
      'appointments.status',
      'appointments.price_pence',
      'appointments.notes',
      'appointments.cancel_reason',
      'appointments.override_reason',
      'therapists.name as therapist',
      'services.name as service',
    ])
    .where('appointments.client_id', '=', clientId)
    .orderBy('appointments.starts_at')
    .execute()
  if (appointments.length === 0) w.text('None.', { colour: MUTED })
  for (const a of appointments) {
    const minutes = Math.round((Date.parse(a.ends_at) - Date.parse(a.starts_at)) / 60_000)
    w.text(
      `${when(a.starts_at, tz)} · ${a.service} (${minutes} min) with ${a.therapist} · ${STATUS_LABELS[a.status]} · ${formatPence(a.price_pence)}`,
    )
    const extra = [
      a.notes,
      a.cancel_reason && `Cancelled: ${a.cancel_reason}`,
      a.override_reason && `Booked outside the usual rules: ${a.override_reason}`,
    ].filter(Boolean)
    if (extra.length > 0) w.text(extra.join(' · '), { size: 9, colour: MUTED, indent: 12 })
  }

  section(w, 'Treatment notes')
  const noteIds = await db
    .selectFrom('notes')
    .select('id')
    .where('client_id', '=', clientId)
    .orderBy('session_at')
    .orderBy('id')
    .execute()
  if (noteIds.length === 0) w.text('None.', { colour: MUTED })
  const images = new Map<string, PDFImage | null>()
  for (const [i, { id }] of noteIds.entries()) {
    if (i > 0) w.gap(4)
    w.rule()
    const note = await fullNote(db, await requireNote(db, id), session)
    await writeNote(w, note, tz, { bytesOf, images })
  }

  await writeClientRecords(w, db, clientId, tz)
  await writeClientAccount(w, db, clientId, tz)
  return doc.save()
}
