import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { faker } from '@faker-js/faker/locale/en_GB'
import type Database from 'better-sqlite3'
import type { PlinthCore } from '../../src/main/app-core'
import type { Session } from '../../src/main/rpc/context'
import { searchStatement } from '../../src/main/db/client-search-sql'
import { planSearch } from '../../src/main/services/clients/search-plan'
import { SUMMARY_COLUMNS } from '../../src/main/services/clients/client-record'
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
    const statement = searchStatement(
      planSearch(query),
      { includeArchived: false, limit: 20 },
      SUMMARY_COLUMNS,
    )
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

/** The page's global object as the bench's in-page callbacks use it (no DOM types here). */
type PageGlobal = EventTarget & { __plinthKeystroke?: Promise<number> }

/**
 * Keystroke to results on screen, in Chromium, through the loopback HTTP adapter: the
 * renderer's lookup is given all but the last character, then the last one is pressed for
 * real and timed from its keydown to the frame that shows that query's results.
 */
export async function benchLookupInChromium(
  core: PlinthCore,
  session: Session,
  runs = 200,
): Promise<Figure[]> {
  const { chromium } = await import('@playwright/test')
  const { startWebServer } = await import('../../src/main/web/http-adapter')
  const { aStaffMember } = await import('../fixtures/staff')
  // The renderer asks who is signed in: a real member of staff, or it shows first-run set-up.
  const connection = core.connect()
  connection.begin(await aStaffMember(core.db, session.role))
  const server = await startWebServer({ connection, rendererDir: resolve('out/renderer') })
  const browser = await chromium.launch({
    executablePath: process.env['PLINTH_CHROMIUM'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' })
    await page.goto(`${server.url}#/clients`)
    const input = page.getByRole('combobox', { name: 'Find a client' })
    await input.waitFor()
    const queries = Object.entries(phoneMomentQueries(core, runs))
      .filter(([label]) => !label.startsWith('3 common'))
      .flatMap(([, list]) => list)
      .filter((q) => q.length >= 4)
      // The timed key is pressed as a real key, so it must be on a US keyboard (no "á").
      .filter((q) => /[\x20-\x7e]$/.test(q))
    const shown = (q: string) =>
      page.waitForFunction(
        (target) =>
          performance
            .getEntriesByName('plinth:client-search-rendered')
            .some((e) => (e as unknown as { detail?: unknown }).detail === target),
        q,
      )
    const keystroke = async (q: string): Promise<number> => {
      // Empty first, so the prefix is always a change (it can equal the last query).
      await input.fill('')
      await page.evaluate(() => performance.clearMarks())
      await input.fill(q.slice(0, -1))
      await shown(q.slice(0, -1))
      await page.evaluate((target) => {
        const page = globalThis as unknown as PageGlobal
        page.__plinthKeystroke = new Promise<number>((done) => {
          let t0 = 0
          page.addEventListener('keydown', () => (t0 = performance.now()), {
            capture: true,
            once: true,
          })
          const observer = new PerformanceObserver((list) => {
            for (const e of list.getEntries()) {
              if ((e as unknown as { detail?: unknown }).detail === target) {
                observer.disconnect()
                done(e.startTime - t0)
              }
            }
          })
          observer.observe({ type: 'mark' })
        })
      }, q)
      await page.keyboard.press(q.at(-1) === ' ' ? 'Space' : q.at(-1)!)
      return page.evaluate(() => (globalThis as unknown as PageGlobal).__plinthKeystroke!)
    }
    for (let i = 0; i < 20; i++) await keystroke(queries[i % queries.length]!)
    const times: number[] = []
    for (let i = 0; i < runs; i++) times.push(await keystroke(queries[(i * 7) % queries.length]!))
    times.sort((a, b) => a - b)
    const at = (q: number) => times[Math.max(0, Math.ceil(q * times.length) - 1)]!
    return [
      {
        name: 'keystroke → results on screen · Chromium + HTTP adapter',
        runs,
        medianMs: at(0.5),
        p95Ms: at(0.95),
        budgetMs: 50,
      },
    ]
  } finally {
    await browser.close()
    await server.close()
  }
}
