import type { Kysely } from 'kysely'
import type { ClientAlert } from '../../../shared/contract/clients'
import {
  allergyLabel,
  conditionOf,
  type AllergyCode,
  type ConditionCode,
} from '../../../shared/clients/health'
import type { DB, HealthQuestionnairesTable } from '../../db/schema'
import { DomainError } from '../domain-error'
import type { Actor } from '../actor'

const SEVERITY_ORDER = { contraindication: 0, caution: 1, info: 2 } as const

/**
 * A client's alerts: the free ones staff added plus those derived from the latest health
 * questionnaire. A contraindication from the questionnaire must be acknowledged every time
 * the record is opened: it is the "do not treat" kind, and the clinic has to be able to show
 * that the therapist saw it.
 */
export async function alertsOf(db: Kysely<DB>, clientId: number): Promise<ClientAlert[]> {
  const free = await db
    .selectFrom('client_alerts')
    .select(['id', 'severity', 'text', 'acknowledge_on_open'])
    .where('client_id', '=', clientId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute()
  const latest = await db
    .selectFrom('health_questionnaires')
    .select(['conditions', 'allergies'])
    .where('client_id', '=', clientId)
    .orderBy('answered_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  const alerts: ClientAlert[] = [
    ...(latest ? questionnaireAlerts(latest) : []),
    ...free.map((a) => ({
      id: `free:${a.id}`,
      source: 'free' as const,
      severity: a.severity,
      text: a.text,
      acknowledgeOnOpen: a.acknowledge_on_open === 1,
    })),
  ]
  return alerts.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
}

function questionnaireAlerts(
  q: Pick<HealthQuestionnairesTable, 'conditions' | 'allergies'>,
): ClientAlert[] {
  const conditions = JSON.parse(q.conditions) as { code: ConditionCode; detail: string }[]
  const allergies = JSON.parse(q.allergies) as AllergyCode[]
  return [
    ...conditions.map(({ code, detail }) => {
      const condition = conditionOf(code)
      return {
        id: `q:${code}`,
        source: 'questionnaire' as const,
        severity: condition.severity,
        text: detail ? `${condition.label} (${detail})` : condition.label,
        acknowledgeOnOpen: condition.severity === 'contraindication',
      }
    }),
    ...allergies.map((code) => ({
      id: `q:allergy-${code}`,
      source: 'questionnaire' as const,
      severity: 'caution' as const,
      text: `Allergy: ${allergyLabel(code).toLowerCase()}`,
      acknowledgeOnOpen: false,
    })),
  ]
}

/** Refreshes the denormalised alert icons that search results show. */
export async function refreshAlertSummary(db: Kysely<DB>, clientId: number): Promise<void> {
  const alerts = await alertsOf(db, clientId)
  await db
    .updateTable('clients')
    .set({
      alert_summary: JSON.stringify(alerts.map(({ severity, text }) => ({ severity, text }))),
    })
    .where('id', '=', clientId)
    .execute()
}

export async function addAlert(
  db: Kysely<DB>,
  input: {
    clientId: number
    text: string
    severity: ClientAlert['severity']
    acknowledgeOnOpen: boolean
  },
  actor: Actor,
  now: Date,
): Promise<number> {
  await requireClient(db, input.clientId)
  const row = await db
    .insertInto('client_alerts')
    .values({
      client_id: input.clientId,
      severity: input.severity,
      text: input.text,
      acknowledge_on_open: input.acknowledgeOnOpen ? 1 : 0,
      created_at: now.toISOString(),
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await refreshAlertSummary(db, input.clientId)
  return row.id
}

export async function removeAlert(
  db: Kysely<DB>,
  clientId: number,
  alertId: number,
  actor: Actor,
  now: Date,
): Promise<void> {
  const result = await db
    .updateTable('client_alerts')
    .set({ removed_at: now.toISOString(), removed_by: actor.userId })
    .where('id', '=', alertId)
    .where('client_id', '=', clientId)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) {
    throw new DomainError('not_found', 'That alert has already been removed.')
  }
  await refreshAlertSummary(db, clientId)
}

export async function requireClient(db: Kysely<DB>, id: number) {
  const row = await db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'No client with that record number.')
  return row
}
