import { type Kysely } from 'kysely'

/**
 * Letter templates for the GP or another clinician (issue 18): owner-editable plain text
 * with {{placeholders}} (see src/shared/letters/placeholders.ts at the time of writing).
 * Two starting templates. Frozen: imports nothing from the app.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('letter_templates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  const at = new Date().toISOString()
  await db
    .insertInto('letter_templates')
    .values([
      {
        name: 'Letter to the GP',
        body: [
          '{{gp.name}}',
          '{{gp.practice}}',
          '{{gp.address}}',
          '',
          '{{today}}',
          '',
          'Dear {{gp.name}},',
          '',
          'Re: {{client.name}}, born {{client.dateOfBirth}}',
          '{{client.address}}',
          '',
          'I saw {{client.name}} for sports massage on {{note.date}}.',
          '',
          'Findings: {{note.findings}}',
          '',
          'Plan: {{note.plan}}',
          '',
          'I would be grateful if you could review them. Please contact me if you need anything further.',
          '',
          'Yours sincerely,',
          '',
          '{{therapist.name}}',
          '{{therapist.qualification}}',
          '{{therapist.body}}',
          '{{clinic.name}}',
          '{{clinic.phone}}',
        ].join('\n'),
        created_at: at,
        updated_at: at,
      },
      {
        name: 'Referral to another clinician',
        body: [
          '{{today}}',
          '',
          'Dear colleague,',
          '',
          'Re: {{client.name}}, born {{client.dateOfBirth}}',
          '',
          'I am referring {{client.name}}, whom I treated on {{note.date}} (pain {{note.painBefore}}/10 before treatment, {{note.painAfter}}/10 after).',
          '',
          'Findings: {{note.findings}}',
          '',
          'Plan so far: {{note.plan}}',
          '',
          'With thanks,',
          '',
          '{{therapist.name}}',
          '{{therapist.body}}',
          '{{clinic.name}}',
          '{{clinic.phone}}',
        ].join('\n'),
        created_at: at,
        updated_at: at,
      },
    ])
    .execute()
}
