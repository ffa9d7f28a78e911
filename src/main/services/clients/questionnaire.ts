import { addMonths } from 'date-fns/addMonths'
import { formatISO } from 'date-fns/formatISO'
import type { Kysely } from 'kysely'
import type { Questionnaire } from '../../../shared/contract/clients'
import type { AllergyCode, ConditionCode } from '../../../shared/clients/health'
import type { Selectable } from 'kysely'
import type { DB, HealthQuestionnairesTable } from '../../db/schema'

type QuestionnaireRow = Selectable<HealthQuestionnairesTable>
import type { Actor } from '../actor'
import { refreshAlertSummary, requireClient } from './alerts'

export interface QuestionnaireAnswers {
  conditions: { code: ConditionCode; detail: string }[]
  otherConditions: string
  medications: string
  allergies: AllergyCode[]
  otherAllergies: string
}

async function reviewMonths(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('client_settings')
    .select('questionnaire_review_months')
    .where('id', '=', 1)
    .executeTakeFirst()
  return row?.questionnaire_review_months ?? 12
}

/**
 * Records a new version of the client's health answers. Earlier versions are kept as they
 * were (what the therapist knew on a given day matters if a treatment is ever questioned).
 */
export async function saveQuestionnaire(
  db: Kysely<DB>,
  clientId: number,
  answers: QuestionnaireAnswers,
  actor: Actor,
  now: Date,
): Promise<number> {
  await requireClient(db, clientId)
  const previous = await db
    .selectFrom('health_questionnaires')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('client_id', '=', clientId)
    .executeTakeFirst()
  const version = (previous?.version ?? 0) + 1
  const months = await reviewMonths(db)
  await db
    .insertInto('health_questionnaires')
    .values({
      client_id: clientId,
      version,
      answered_at: now.toISOString(),
      recorded_by: actor.userId,
      recorded_by_name: actor.displayName,
      conditions: JSON.stringify(answers.conditions),
      other_conditions: answers.otherConditions,
      medications: answers.medications,
      allergies: JSON.stringify(answers.allergies),
      other_allergies: answers.otherAllergies,
      review_due_on: formatISO(addMonths(now, months), { representation: 'date' }),
    })
    .execute()
  await refreshAlertSummary(db, clientId)
  return version
}

export function toQuestionnaire(row: QuestionnaireRow, now: Date): Questionnaire {
  const today = formatISO(now, { representation: 'date' })
  return {
    version: row.version,
    answeredAt: row.answered_at,
    recordedBy: row.recorded_by_name,
    conditions: JSON.parse(row.conditions) as Questionnaire['conditions'],
    otherConditions: row.other_conditions,
    medications: row.medications,
    allergies: JSON.parse(row.allergies) as Questionnaire['allergies'],
    otherAllergies: row.other_allergies,
    reviewDueOn: row.review_due_on,
    reviewDue: row.review_due_on <= today,
  }
}

export async function latestQuestionnaire(
  db: Kysely<DB>,
  clientId: number,
): Promise<{ latest: QuestionnaireRow | null; versions: number }> {
  const rows = await db
    .selectFrom('health_questionnaires')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('answered_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return { latest: rows[0] ?? null, versions: rows.length }
}
