import type { Kysely } from 'kysely'
import type { ClientSettings } from '../../../shared/contract/clients'
import type { DB } from '../../db/schema'

/** The clients domain's own settings row (migration 0100): review interval, referral list. */
export async function getClientSettings(db: Kysely<DB>): Promise<ClientSettings> {
  const row = await db
    .selectFrom('client_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return {
    questionnaireReviewMonths: row.questionnaire_review_months,
    referralSources: JSON.parse(row.referral_sources) as string[],
  }
}

export async function updateClientSettings(
  db: Kysely<DB>,
  input: ClientSettings,
): Promise<{ settings: ClientSettings; changed: string[] }> {
  const before = await getClientSettings(db)
  const sources = [...new Set(input.referralSources)]
  const changed = [
    ...(before.questionnaireReviewMonths !== input.questionnaireReviewMonths
      ? ['questionnaire review interval']
      : []),
    ...(JSON.stringify(before.referralSources) !== JSON.stringify(sources)
      ? ['referral sources']
      : []),
  ]
  await db
    .updateTable('client_settings')
    .set({
      questionnaire_review_months: input.questionnaireReviewMonths,
      referral_sources: JSON.stringify(sources),
    })
    .where('id', '=', 1)
    .execute()
  return { settings: await getClientSettings(db), changed }
}
