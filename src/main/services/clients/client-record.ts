import { differenceInYears } from 'date-fns/differenceInYears'
import { parseISO } from 'date-fns/parseISO'
import type { Kysely, Selectable } from 'kysely'
import type {
  ClientRecord,
  ClientSummary,
  ClientValues,
  Consent,
} from '../../../shared/contract/clients'
import type { ClientsTable, DB } from '../../db/schema'
import { DomainError } from '../domain-error'
import type { Actor } from '../actor'
import { alertsOf, requireClient } from './alerts'
import { normalisedColumns } from './normalise'
import { latestQuestionnaire, toQuestionnaire } from './questionnaire'
import { reindexClient } from './search-index'

export type ClientRow = Selectable<ClientsTable>

/**
 * What staff see as a client's name, everywhere (diary, lists, invoices, reports): "Robert
 * (Bob) Smith" when they go by another name, so the name they are called and the name on
 * their records are both in view; "Priya Shah" otherwise. The one rule for a client's name.
 */
export function displayNameOf(c: {
  first_name: string
  last_name: string
  preferred_name: string
}): string {
  const preferred =
    c.preferred_name && c.preferred_name !== c.first_name ? ` (${c.preferred_name})` : ''
  return `${c.first_name}${preferred} ${c.last_name}`
}

export function ageOn(dateOfBirth: string, now: Date): number | null {
  return dateOfBirth ? differenceInYears(now, parseISO(dateOfBirth)) : null
}

/** Typed fields -> columns; consents record when and by whom they were first given. */
export function columnsFrom(
  input: ClientValues,
  before: ClientRow | null,
  actor: Actor,
  now: Date,
) {
  const at = now.toISOString()
  const consent = (
    given: boolean,
    prevAt: string | null,
    prevBy: string | null,
  ): [string | null, string | null] =>
    given ? (prevAt ? [prevAt, prevBy] : [at, actor.displayName]) : [null, null]
  const [consent_treatment_at, consent_treatment_by] = consent(
    input.consentTreatment,
    before?.consent_treatment_at ?? null,
    before?.consent_treatment_by ?? null,
  )
  const [consent_data_notice_at, consent_data_notice_by] = consent(
    input.consentDataNotice,
    before?.consent_data_notice_at ?? null,
    before?.consent_data_notice_by ?? null,
  )
  const [marketing_email_at, marketing_email_by] = consent(
    input.marketingEmail,
    before?.marketing_email_at ?? null,
    before?.marketing_email_by ?? null,
  )
  const [marketing_sms_at, marketing_sms_by] = consent(
    input.marketingSms,
    before?.marketing_sms_at ?? null,
    before?.marketing_sms_by ?? null,
  )
  const typed = {
    title: input.title,
    first_name: input.firstName,
    last_name: input.lastName,
    preferred_name: input.preferredName,
    date_of_birth: input.dateOfBirth,
    gender: input.gender,
    mobile: input.mobile,
    other_phone: input.otherPhone,
    email: input.email,
    address: input.address,
    postcode: input.postcode,
    occupation: input.occupation,
    emergency_name: input.emergencyName,
    emergency_relationship: input.emergencyRelationship,
    emergency_phone: input.emergencyPhone,
    gp_name: input.gpName,
    gp_practice: input.gpPractice,
    gp_address: input.gpAddress,
    referral_source: input.referralSource,
    notes: input.notes,
    tags: JSON.stringify(input.tags),
    sports: input.sports,
    weekly_training: input.weeklyTraining,
    weekly_km: input.weeklyKm,
    longest_run_km: input.longestRunKm,
    runs_per_week: input.runsPerWeek,
    event_distance_km: input.eventDistanceKm,
    event_name: input.eventName,
    event_date: input.eventDate,
    goals: input.goals,
  }
  return {
    ...typed,
    ...normalisedColumns(typed),
    consent_treatment_at,
    consent_treatment_by,
    consent_data_notice_at,
    consent_data_notice_by,
    marketing_email_at,
    marketing_email_by,
    marketing_sms_at,
    marketing_sms_by,
    updated_at: at,
    updated_by: actor.userId,
  }
}

export function valuesOf(row: ClientRow): ClientValues {
  return {
    title: row.title,
    firstName: row.first_name,
    lastName: row.last_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    gender: row.gender,
    mobile: row.mobile,
    otherPhone: row.other_phone,
    email: row.email,
    address: row.address,
    postcode: row.postcode,
    occupation: row.occupation,
    emergencyName: row.emergency_name,
    emergencyRelationship: row.emergency_relationship,
    emergencyPhone: row.emergency_phone,
    gpName: row.gp_name,
    gpPractice: row.gp_practice,
    gpAddress: row.gp_address,
    referralSource: row.referral_source,
    notes: row.notes,
    tags: JSON.parse(row.tags) as string[],
    sports: row.sports,
    weeklyTraining: row.weekly_training,
    weeklyKm: row.weekly_km,
    longestRunKm: row.longest_run_km,
    runsPerWeek: row.runs_per_week,
    eventDistanceKm: row.event_distance_km,
    eventName: row.event_name,
    eventDate: row.event_date,
    goals: row.goals,
    consentTreatment: row.consent_treatment_at !== null,
    consentDataNotice: row.consent_data_notice_at !== null,
    marketingEmail: row.marketing_email_at !== null,
    marketingSms: row.marketing_sms_at !== null,
  }
}

export async function createClient(
  db: Kysely<DB>,
  input: ClientValues,
  actor: Actor,
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('clients')
    .values({
      ...columnsFrom(input, null, actor, now),
      created_at: now.toISOString(),
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await reindexClient(db, row.id)
  return row.id
}

const FIELD_LABELS: Record<keyof ClientValues, string> = {
  title: 'title',
  firstName: 'first name',
  lastName: 'last name',
  preferredName: 'preferred name',
  dateOfBirth: 'date of birth',
  gender: 'sex/gender',
  mobile: 'mobile',
  otherPhone: 'other phone',
  email: 'e-mail',
  address: 'address',
  postcode: 'postcode',
  occupation: 'occupation',
  emergencyName: 'emergency contact',
  emergencyRelationship: 'emergency contact',
  emergencyPhone: 'emergency contact',
  gpName: 'GP',
  gpPractice: 'GP',
  gpAddress: 'GP',
  referralSource: 'referral source',
  notes: 'notes',
  tags: 'tags',
  sports: 'sport',
  weeklyTraining: 'sport',
  weeklyKm: 'training',
  longestRunKm: 'training',
  runsPerWeek: 'training',
  eventDistanceKm: 'event',
  eventName: 'event',
  eventDate: 'event',
  goals: 'goals',
  consentTreatment: 'treatment consent',
  consentDataNotice: 'data-processing notice',
  marketingEmail: 'e-mail marketing',
  marketingSms: 'SMS marketing',
}

/** Labels of the fields that differ, for the audit log (labels only: no health details). */
export function changedLabels(before: ClientValues, after: ClientValues): string[] {
  const keys = Object.keys(FIELD_LABELS) as (keyof ClientValues)[]
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
  return [...new Set(changed.map((k) => FIELD_LABELS[k]))]
}

export async function updateClient(
  db: Kysely<DB>,
  id: number,
  input: ClientValues,
  actor: Actor,
  now: Date,
): Promise<string[]> {
  const before = await requireLiveClient(db, id)
  const changed = changedLabels(valuesOf(before), input)
  if (changed.length === 0) return []
  await db
    .updateTable('clients')
    .set(columnsFrom(input, before, actor, now))
    .where('id', '=', id)
    .execute()
  await reindexClient(db, id)
  return changed
}

/** A record that has been merged into another cannot be changed: the kept one can. */
export async function requireLiveClient(db: Kysely<DB>, id: number): Promise<ClientRow> {
  const row = await requireClient(db, id)
  if (row.merged_into_id !== null) {
    throw new DomainError(
      'conflict',
      `This record was merged into client #${row.merged_into_id}; open that one instead.`,
    )
  }
  return row
}

export async function setArchived(
  db: Kysely<DB>,
  id: number,
  archived: boolean,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  const row = await requireLiveClient(db, id)
  if ((row.archived_at !== null) === archived) return false
  await db
    .updateTable('clients')
    .set(
      archived
        ? { archived_at: now.toISOString(), archived_by: actor.userId }
        : { archived_at: null, archived_by: null },
    )
    .where('id', '=', id)
    .execute()
  return true
}

function consentOf(at: string | null, by: string | null): Consent {
  return { given: at !== null, at, by }
}

export async function getClientRecord(
  db: Kysely<DB>,
  id: number,
  now: Date,
): Promise<ClientRecord> {
  const row = await requireClient(db, id)
  const { latest, versions } = await latestQuestionnaire(db, id)
  return {
    ...valuesOf(row),
    id: row.id,
    displayName: displayNameOf(row),
    age: ageOn(row.date_of_birth, now),
    consents: {
      treatment: consentOf(row.consent_treatment_at, row.consent_treatment_by),
      dataNotice: consentOf(row.consent_data_notice_at, row.consent_data_notice_by),
      marketingEmail: consentOf(row.marketing_email_at, row.marketing_email_by),
      marketingSms: consentOf(row.marketing_sms_at, row.marketing_sms_by),
    },
    alerts: await alertsOf(db, id),
    questionnaire: latest ? toQuestionnaire(latest, now) : null,
    questionnaireVersions: versions,
    archivedAt: row.archived_at,
    mergedIntoId: row.merged_into_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export type SummaryRow = Pick<
  ClientRow,
  | 'id'
  | 'title'
  | 'first_name'
  | 'last_name'
  | 'preferred_name'
  | 'date_of_birth'
  | 'mobile'
  | 'other_phone'
  | 'email'
  | 'postcode'
  | 'archived_at'
  | 'alert_summary'
>

export const SUMMARY_COLUMNS = [
  'id',
  'title',
  'first_name',
  'last_name',
  'preferred_name',
  'date_of_birth',
  'mobile',
  'other_phone',
  'email',
  'postcode',
  'archived_at',
  'alert_summary',
] as const

export function toSummary(row: SummaryRow, now: Date): ClientSummary {
  return {
    id: row.id,
    displayName: displayNameOf(row),
    dateOfBirth: row.date_of_birth,
    age: ageOn(row.date_of_birth, now),
    phone: row.mobile || row.other_phone,
    email: row.email,
    postcode: row.postcode,
    archived: row.archived_at !== null,
    alerts: JSON.parse(row.alert_summary) as ClientSummary['alerts'],
    nextAppointmentAt: null,
  }
}
