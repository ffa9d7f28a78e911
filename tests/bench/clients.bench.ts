import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { faker } from '@faker-js/faker/locale/en_GB'
import type Database from 'better-sqlite3'
import type { PlinthCore } from '../../src/main/app-core'
import type { Session } from '../../src/main/rpc/context'
import { planSearch, searchStatement } from '../../src/main/services/clients/client-search'
import { measure, type Figure } from './measure'

export const CLIENT_COUNT = 100_000

interface Sample {
  first_name: string
  last_name: string
  mobile: string
  email: string
  postcode: string
  date_of_birth: string
}

/** What reception types on the phone, drawn from clients that exist (and a few that don't). */
export function phoneMomentQueries(core: PlinthCore, count = 400): Record<string, string[]> {
  faker.seed(99)
  const sample = core.sqlite
    .prepare(
      `SELECT first_name, last_name, mobile, email, postcode, date_of_birth
       FROM clients ORDER BY random() LIMIT ?`,
    )
    .all(count) as Sample[]
  const pick = <T>(f: (s: Sample) => T) => sample.map(f)
  return {
    'surname, first 3-5 letters': pick((s) =>
      s.last_name.slice(0, faker.number.int({ min: 3, max: 5 })),
    ),
    'surname, whole': pick((s) => s.last_name),
    'first + surname': pick((s) => `${s.first_name} ${s.last_name}`),
    'mobile, last 6 digits with a space': pick((s) => {
      const d = s.mobile.replace(/\D/g, '').slice(-6)
      return `${d.slice(0, 3)} ${d.slice(3)}`
    }),
    'mobile, +44 format': pick((s) => `+44 ${s.mobile.slice(1)}`),
    'e-mail, first 6 chars': pick((s) => s.email.slice(0, 6) || s.last_name),
    postcode: pick((s) => s.postcode),
    'date of birth dd/mm/yyyy': pick((s) => s.date_of_birth.split('-').reverse().join('/')),
    '3 common letters ("son", "ell", "ton")': ['son', 'ell', 'ton', 'ham', 'ley', 'ers'],
  }
}

/**
 * The same compiled statement the router runs, prepared once in raw better-sqlite3: the
 * floor the router's validation, role check, transaction and Kysely sit on top of.
 */
function rawRunner(core: PlinthCore) {
  const cache = new Map<string, Database.Statement>()
  return (query: string) => {
    const statement = searchStatement(planSearch(query), { includeArchived: false, limit: 20 })
    if (!statement) return []
    const compiled = statement.compile(core.db)
    let prepared = cache.get(compiled.sql)
    if (!prepared) {
      prepared = core.sqlite.prepare(compiled.sql)
      cache.set(compiled.sql, prepared)
    }
    return prepared.all(...(compiled.parameters as unknown[]))
  }
}

export async function benchClientSearch(core: PlinthCore, session: Session): Promise<Figure[]> {
  const queries = phoneMomentQueries(core)
  const raw = rawRunner(core)
  const figures: Figure[] = []
  for (const [label, list] of Object.entries(queries)) {
    const runs = Math.max(list.length, 300)
    figures.push(
      await measure(`${label} · raw better-sqlite3`, runs, (i) => raw(list[i % list.length]!)),
    )
    figures.push(
      await measure(
        `${label} · router`,
        runs,
        (i) => core.router.call('clients.search', { query: list[i % list.length]! }, session),
        5,
      ),
    )
  }
  const all = Object.values(queries).flat()
  figures.push(
    await measure(
      'all of the above · router',
      2000,
      (i) => core.router.call('clients.search', { query: all[i % all.length]! }, session),
      5,
    ),
  )
  const short = ['a', 's', 'jo', 'mc', 'b', 'th']
  figures.push(
    await measure('1-2 letters (name starts only) · router, no budget', 300, (i) =>
      core.router.call('clients.search', { query: short[i % short.length]! }, session),
    ),
  )
  return figures
}

export function rendererBuilt(): boolean {
  return existsSync(resolve('out/renderer/index.html'))
}
