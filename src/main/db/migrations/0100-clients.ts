import { sql, type Kysely } from 'kysely'

// Client records. User ids (created_by, ...) are plain integers without a foreign key: the
// users table lands separately (issue 3), and a record must outlive the staff who touched it.
// Columns ending _norm hold the search form of what was typed (see services/clients/normalise).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('clients')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('preferred_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('date_of_birth', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('gender', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mobile', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('other_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('postcode', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('occupation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('emergency_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('emergency_relationship', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('emergency_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('gp_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('gp_practice', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('gp_address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('referral_source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sports', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('weekly_training', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('event_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('event_date', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('goals', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('consent_treatment_at', 'text')
    .addColumn('consent_treatment_by', 'text')
    .addColumn('consent_data_notice_at', 'text')
    .addColumn('consent_data_notice_by', 'text')
    .addColumn('marketing_email_at', 'text')
    .addColumn('marketing_email_by', 'text')
    .addColumn('marketing_sms_at', 'text')
    .addColumn('marketing_sms_by', 'text')
    .addColumn('first_name_norm', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name_norm', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('preferred_name_norm', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mobile_norm', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('other_phone_norm', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email_norm', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('postcode_norm', 'text', (c) => c.notNull().defaultTo(''))
    // Alert icons for search results without a second query: refreshed by the services
    // whenever alerts or the questionnaire change (services/clients/alerts.ts).
    .addColumn('alert_summary', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('archived_at', 'text')
    .addColumn('archived_by', 'integer')
    .addColumn('merged_into_id', 'integer', (c) => c.references('clients.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .execute()

  // Exact and prefix lookups read these in order, so a tier of search results is the first
  // rows of one index range (services/clients/client-search.ts); the duplicate check too.
  const indexes: [string, string[]][] = [
    ['clients_last_first', ['last_name_norm', 'first_name_norm']],
    ['clients_first_last', ['first_name_norm', 'last_name_norm']],
    ['clients_preferred_last', ['preferred_name_norm', 'last_name_norm']],
    ['clients_mobile', ['mobile_norm']],
    ['clients_other_phone', ['other_phone_norm']],
    ['clients_email', ['email_norm']],
    ['clients_postcode', ['postcode_norm']],
    ['clients_dob', ['date_of_birth']],
    ['clients_last_dob', ['last_name_norm', 'date_of_birth']],
  ]
  for (const [name, columns] of indexes) {
    await db.schema.createIndex(name).on('clients').columns(columns).execute()
  }

  // Substring search: a trigram full-text index kept in step by the service layer
  // (services/clients/search-index.ts). SQLite-only; a Postgres port would use pg_trgm.
  await sql`CREATE VIRTUAL TABLE clients_search USING fts5(
              names, contact, phones, tokenize = 'trigram remove_diacritics 1')`.execute(db)

  await db.schema
    .createTable('client_alerts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('severity', 'text', (c) =>
      c.notNull().check(sql`severity IN ('contraindication', 'caution', 'info')`),
    )
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('acknowledge_on_open', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'integer')
    .execute()
  await db.schema
    .createIndex('client_alerts_client')
    .on('client_alerts')
    .column('client_id')
    .execute()

  // A new row per review: the old answers are kept, never overwritten.
  await db.schema
    .createTable('health_questionnaires')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer')
    .addColumn('recorded_by_name', 'text')
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('other_conditions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('medications', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('allergies', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('other_allergies', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('review_due_on', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('health_questionnaires_client')
    .on('health_questionnaires')
    .columns(['client_id', 'answered_at'])
    .execute()

  await db.schema
    .createTable('client_merges')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kept_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('merged_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'integer')
    /** JSON: the kept row before, the merged row's state, and every moved child row's id. */
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'integer')
    .execute()

  // Settings the clients domain owns (one row), e.g. how often health answers are reviewed.
  await db.schema
    .createTable('client_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('questionnaire_review_months', 'integer', (c) => c.notNull().defaultTo(12))
    .addColumn('referral_sources', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute()
  await sql`INSERT INTO client_settings (id, referral_sources) VALUES (1, ${JSON.stringify([
    'Word of mouth',
    'Running club',
    'Google',
    'Social media',
    'GP or physio',
    'Gym or personal trainer',
    'Event or race expo',
  ])})`.execute(db)
}
