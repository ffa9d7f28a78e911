import { faker } from '@faker-js/faker/locale/en_GB'
import type { PlinthCore } from '../../src/main/app-core'
import { aGeneratedClient } from '../../src/main/seed/client-generator'
import { normalisedColumns, searchDocument } from '../../src/main/services/clients/normalise'

/**
 * 100,000 clients in one transaction straight into SQLite: the router would take minutes
 * and the bench measures reading, not writing. Uses the same generator, normalisation and
 * index document as the services, so the data is what the app would have written.
 */
export function bulkSeedClients(core: PlinthCore, count: number, seed = 4242): number[] {
  faker.seed(seed)
  const today = new Date()
  const insert = core.sqlite.prepare(`INSERT INTO clients (
      title, first_name, last_name, preferred_name, date_of_birth, gender, mobile, email,
      address, postcode, occupation, referral_source, sports, weekly_training, event_name,
      event_date, goals, first_name_norm, last_name_norm, preferred_name_norm, mobile_norm,
      other_phone_norm, email_norm, postcode_norm, alert_summary, created_at, updated_at)
    VALUES (@title, @first_name, @last_name, @preferred_name, @date_of_birth, @gender, @mobile,
      @email, @address, @postcode, @occupation, @referral_source, @sports, @weekly_training,
      @event_name, @event_date, @goals, @first_name_norm, @last_name_norm, @preferred_name_norm,
      @mobile_norm, @other_phone_norm, @email_norm, @postcode_norm, @alert_summary, @at, @at)`)
  const index = core.sqlite.prepare(
    'INSERT INTO clients_search (rowid, names, contact, phones) VALUES (?, ?, ?, ?)',
  )
  const at = today.toISOString()
  const ids: number[] = []
  core.sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const c = aGeneratedClient(faker, today)
      const row = {
        title: c.title ?? '',
        first_name: c.firstName ?? '',
        last_name: c.lastName ?? '',
        preferred_name: c.preferredName ?? '',
        date_of_birth: c.dateOfBirth ?? '',
        gender: c.gender ?? '',
        mobile: c.mobile ?? '',
        other_phone: '',
        email: c.email ?? '',
        address: c.address ?? '',
        postcode: c.postcode ?? '',
        occupation: c.occupation ?? '',
        referral_source: c.referralSource ?? '',
        sports: c.sports ?? '',
        weekly_training: c.weeklyTraining ?? '',
        event_name: c.eventName ?? '',
        event_date: c.eventDate ?? '',
        goals: c.goals ?? '',
        alert_summary:
          i % 13 === 0 ? JSON.stringify([{ severity: 'caution', text: 'Diabetes' }]) : '[]',
        at,
      }
      const { other_phone: _o, ...values } = row
      const result = insert.run({ ...values, ...normalisedColumns(row) })
      const id = Number(result.lastInsertRowid)
      const doc = searchDocument(row)
      index.run(id, doc.names, doc.contact, doc.phones)
      ids.push(id)
    }
  })()
  // No ANALYZE: the bench measures the state the app is in (issue 19); the app's own
  // PRAGMA optimize (db/optimize.ts) is measured on its own in search-stats.bench.ts.
  core.sqlite.exec(`INSERT INTO clients_search(clients_search) VALUES ('optimize')`)
  return ids
}
