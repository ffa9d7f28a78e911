// The diary in Chromium: a full clinic's week view (~930 bookings), next/previous, and a drag-and-drop
// move, timed inside the page (performance.now) through Playwright against the built renderer.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { openCore } from '../../src/main/app-core'
import { newDatabaseKey } from '../../src/main/db/cipher'
import { silentLogger } from '../../src/main/log'
import { addDays, utcToZoned, zonedToUtc } from '../../src/main/services/diary/clinic-clock'
import { startWebServer } from '../../src/main/web/http-adapter'
import { aStaffMember } from '../fixtures/staff'
import { call } from '../fixtures/temp-core'
import type { Figure } from './measure'

const TZ = 'Europe/London'

function summarise(name: string, times: number[], budgetMs: number): Figure {
  const sorted = [...times].sort((a, b) => a - b)
  const q = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!
  return { name, runs: times.length, medianMs: q(0.5), p95Ms: q(0.95), budgetMs }
}

/**
 * Clicks `button` (a page expression) and times it until `ready` holds (a page expression
 * that may read `el`, the calendar, and `before`, its range at the click) and the next frame
 * is drawn: ms. Page code goes in as a string: tsx would wrap named functions in a helper
 * (__name) that does not exist in the page.
 */
async function timeClick(page: Page, button: string, ready: string, what: string): Promise<number> {
  return page.evaluate<number>(`(async () => {
    const button = ${button}
    const el = document.querySelector('[data-testid="diary-calendar"]')
    const before = el.getAttribute('data-range')
    const t0 = performance.now()
    button.click()
    await new Promise((done, fail) => {
      const give = setTimeout(() => fail(new Error(${JSON.stringify(what)})), 5000)
      const check = () => {
        if (${ready}) requestAnimationFrame(() => (clearTimeout(give), done()))
        else requestAnimationFrame(check)
      }
      requestAnimationFrame(check)
    })
    return performance.now() - t0
  })()`)
}

/** Waits in the page until the diary shows `range` with fresh data, then for the next paint. */
async function settle(page: Page, range: string | null): Promise<void> {
  await page.waitForFunction(
    `(() => {
      const el = document.querySelector('[data-testid="diary-calendar"]')
      return el?.getAttribute('data-state') === 'ready' && (${JSON.stringify(range)} === null || el.getAttribute('data-range') === ${JSON.stringify(range)})
    })()`,
    undefined,
    { polling: 'raf' },
  )
}

export async function benchDiaryChromium(): Promise<Figure[] | null> {
  const rendererDir = resolve('out/renderer')
  const browserPath = process.env['PLINTH_CHROMIUM'] ?? '/usr/bin/chromium'
  if (!existsSync(join(rendererDir, 'index.html')) || !existsSync(browserPath)) {
    console.log('diary Chromium bench skipped: run `npm run build` first (and install Chromium)')
    return null
  }
  const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-ui-'))
  const core = await openCore({
    file: join(dir, 'clinic.sqlite'),
    key: newDatabaseKey(),
    log: silentLogger,
  })
  const owner = await aStaffMember(core.db, 'owner')
  const ok = async <T>(
    r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
  ) => {
    const v = await r
    if (!v.ok) throw new Error(v.error.message)
    return v.value
  }
  const every = [1, 2, 3, 4, 5, 6, 7]
  await ok(
    call(
      core,
      'clinicHours.update',
      {
        opening: every.map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' })),
        closures: [],
        cancellationNoticeHours: 24,
      },
      owner,
    ),
  )
  const service = await ok(
    call(
      core,
      'services.create',
      {
        name: 'Massage 45',
        durationMinutes: 45,
        pricePence: 5000,
        bufferAfterMinutes: 0,
        colour: '#2563eb',
      },
      owner,
    ),
  )
  const therapistIds: number[] = []
  for (let i = 0; i < 10; i++) {
    const t = await ok(
      call(
        core,
        'therapists.create',
        {
          name: `Therapist ${String(i + 1).padStart(2, '0')}`,
          colour: '#0e6b63',
          serviceIds: [service.id],
          hours: every.map((weekday) => ({ weekday, starts: '08:00', ends: '20:00' })),
          breaks: [],
        },
        owner,
      ),
    )
    therapistIds.push(t.id)
  }
  const now = new Date()
  const at = now.toISOString()
  const client = core.sqlite
    .prepare(
      `INSERT INTO clients (first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?)`,
    )
    .run('Bench', 'Client', at, at)
  const insert = core.sqlite.prepare(
    `INSERT INTO appointments (client_id, therapist_id, service_id, starts_at, ends_at, blocked_until,
       price_pence, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 5000, ?, ?)`,
  )
  const today = utcToZoned(now.getTime(), TZ)
  const monday = addDays(today.date, -((today.weekday + 6) % 7))
  // Tomorrow, so the drop is never into the past (that asks first) at any time of day.
  const tomorrow = addDays(today.date, 1)
  // A full clinic (issue 19): all ten therapists booked 08:00-20:00, 13 or 14 bookings each
  // a day (45 minutes, 5-minute gaps), ~930 a week, five weeks. The tenth therapist's today
  // tomorrow is left free for the drag target.
  core.sqlite.transaction(() => {
    for (let d = -14; d < 21; d++) {
      const date = addDays(monday, d)
      for (const [n, id] of therapistIds.entries()) {
        if (n === 9 && date === tomorrow) continue
        const count = (d + n) % 3 === 0 ? 14 : 13
        for (let k = 0; k < count; k++) {
          const s = zonedToUtc(date, 8 * 60 + k * 50, TZ)
          const e = new Date(s + 45 * 60_000).toISOString()
          insert.run(
            client.lastInsertRowid,
            id,
            service.id,
            new Date(s).toISOString(),
            e,
            e,
            at,
            at,
          )
        }
      }
    }
  })()
  // The drag target: one booking at 10:00 tomorrow for the tenth therapist, alone in their day.
  const target = core.sqlite
    .prepare(
      `INSERT INTO clients (first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?)`,
    )
    .run('Drag', 'Target', at, at)
  const dragged = await ok(
    call(
      core,
      'diary.book',
      {
        clientId: Number(target.lastInsertRowid),
        serviceId: service.id,
        therapistId: therapistIds[9]!,
        startsAt: new Date(zonedToUtc(tomorrow, 10 * 60, TZ)).toISOString(),
      },
      owner,
    ),
  )

  const connection = core.connect()
  connection.begin(owner)
  const server = await startWebServer({ connection, rendererDir })
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  })
  try {
    const page = await browser.newPage({
      viewport: { width: 1600, height: 1000 },
      locale: 'en-GB',
      timezoneId: TZ,
      // Playwright's string predicates are eval'd in the page; the app's CSP forbids eval.
      bypassCSP: true,
    })
    await page.goto(`${server.url}#/diary`)
    await settle(page, null)
    await page.getByRole('button', { name: 'Week', exact: true }).click()
    await settle(page, null)
    const weekEvents = await page.locator('.rbc-event').count()

    // Next, next, previous, previous ... inside the seeded weeks; the first visit to a week
    // includes its fetch, later ones are from the cache (as they are for the clinic).
    const nav: number[] = []
    // The page's main-thread CPU time per step as well (Chrome's ThreadTime): wall time on a
    // shared 2-core machine mostly measures the other processes; CPU time does not wait.
    const navCpu: number[] = []
    const metrics = await page.context().newCDPSession(page)
    await metrics.send('Performance.enable')
    let split: Record<string, number> = {}
    const threadMs = async () => {
      const { metrics: all } = await metrics.send('Performance.getMetrics')
      const now: Record<string, number> = {}
      for (const m of all) now[m.name] = m.value
      if (process.env['BENCH_RAW']) {
        // Where the time went since the last call (seconds in Chrome's metrics).
        const parts = ['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskDuration']
        console.log(
          '   ' +
            parts
              .map(
                (k) =>
                  `${k.replace('Duration', '')} ${(((now[k] ?? 0) - (split[k] ?? 0)) * 1000).toFixed(0)}`,
              )
              .join(', ') +
            `, nodes ${now['Nodes']}, layouts ${(now['LayoutCount'] ?? 0) - (split['LayoutCount'] ?? 0)}, styles ${(now['RecalcStyleCount'] ?? 0) - (split['RecalcStyleCount'] ?? 0)}`,
        )
      }
      split = now
      return (now['ThreadTime'] ?? 0) * 1000
    }
    const pattern = [1, 1, -1, -1, -1, -1, 1, 1]
    // PROFILE=file.cpuprofile records a Chrome CPU profile of the navigation rounds (open it in
    // Chrome's DevTools); build with `PLINTH_NO_MINIFY=1 npx electron-vite build` to read the names.
    const cdp = process.env['PROFILE'] ? await page.context().newCDPSession(page) : null
    // TRACE=file.json: a Chrome trace of the navigation rounds (style, layout, paint).
    if (process.env['TRACE']) {
      await browser.startTracing(page, {
        path: process.env['TRACE'],
        screenshots: false,
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline.invalidationTracking',
        ],
      })
    }
    if (cdp) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
      await cdp.send('Profiler.start')
    }
    if (process.env['DEBUG_MUTATIONS']) {
      await page.evaluate(`(() => {
        window.__m = {}
        new MutationObserver((list) => {
          for (const r of list) {
            const k = r.type + ':' + (r.attributeName || (r.addedNodes.length ? 'added' : 'removed')) + ':' + (r.target.className || r.target.nodeName)
            window.__m[k] = (window.__m[k] || 0) + 1
          }
        }).observe(document.querySelector('[data-testid="diary-calendar"]'), { subtree: true, childList: true, attributes: true, characterData: true })
      })()`)
    }
    for (let round = 0; round < 5; round++) {
      for (const step of pattern) {
        const label = step > 0 ? 'Next week' : 'Previous week'
        const cpu0 = await threadMs()
        const t = await timeClick(
          page,
          `document.querySelector('button[aria-label="${label}"]')`,
          `el.getAttribute('data-range') !== before && el.getAttribute('data-state') === 'ready'`,
          'diary did not settle',
        )
        nav.push(t)
        if (process.env['DEBUG_MUTATIONS']) {
          console.log(
            await page.evaluate(
              `(() => { const m = window.__m || {}; window.__m = {}; return JSON.stringify(m) })()`,
            ),
          )
        }
        navCpu.push((await threadMs()) - cpu0)
        if (process.env['BENCH_RAW']) {
          console.log(
            `week nav ${round}/${step}: ${t.toFixed(0)} ms, cpu ${navCpu.at(-1)!.toFixed(0)}`,
          )
        }
      }
    }
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop')
      writeFileSync(process.env['PROFILE']!, JSON.stringify(profile))
    }
    if (process.env['TRACE']) await browser.stopTracing()

    // Drag the lone booking down one quarter hour and back, timing drop -> saved and redrawn:
    // in everyone's week (the full clinic's ~930 bookings on screen, issue 19's budget) and in
    // the day view (its ten therapist columns).
    const dragCdp = process.env['PROFILE_DRAG'] ? await page.context().newCDPSession(page) : null
    // PROFILE_DROP=prefix: a CPU profile of each drop alone (prefix-N.cpuprofile).
    const dropCdp = process.env['PROFILE_DROP'] ? await page.context().newCDPSession(page) : null
    let dropN = 0
    if (dropCdp) {
      await dropCdp.send('Profiler.enable')
      await dropCdp.send('Profiler.setSamplingInterval', { interval: 100 })
    }
    const timeDrags = async (runs: number): Promise<{ wall: number[]; cpu: number[] }> => {
      const wall: number[] = []
      const cpu: number[] = []
      const event = page.locator('.rbc-event', { hasText: 'Drag Target' })
      await event.scrollIntoViewIfNeeded()
      for (let i = 0; i < runs; i++) {
        const box = (await event.boundingBox())!
        const slot = (await page.locator('.rbc-time-slot').nth(1).boundingBox())!.height
        // Grab near the top and drop half-way into the next (or previous) quarter hour, so
        // the snap to the grid is not a rounding coin-toss.
        const dy = i % 2 === 0 ? slot * 1.5 : -slot * 0.5
        const x = box.x + Math.min(box.width / 2, 6)
        await page.mouse.move(x, box.y + 3)
        await page.mouse.down()
        // Away and back: react-big-calendar only starts a drag after a clear movement.
        await page.mouse.move(x, box.y + 3 + 4 * slot, { steps: 4 })
        await page.mouse.move(x, box.y + 3 + dy, { steps: 4 })
        await page.evaluate('window.__dropAt = performance.now(); window.__diff = []')
        const requests: string[] = []
        const onRequest = (r: { url(): string; postData(): string | null }) =>
          requests.push((r.postData() ?? r.url()).slice(0, 80))
        if (process.env['BENCH_RAW']) page.on('request', onRequest)
        const cpu0 = await threadMs()
        if (dropCdp) await dropCdp.send('Profiler.start')
        await page.mouse.up()
        const ms = await page.evaluate<number>(`(async () => {
          const t0 = window.__dropAt
          const el = document.querySelector('[data-testid="diary-calendar"]')
          await new Promise((done, fail) => {
            const give = setTimeout(() => fail(new Error('the booking did not move')), 5000)
            const check = () => {
              const moved = [...document.querySelectorAll('.rbc-event')].some(
                (e) =>
                  e.textContent.includes('Drag Target') &&
                  Math.abs(e.getBoundingClientRect().top - ${box.y}) > 2,
              )
              // Saved: main answered and the diary says so (the move itself is drawn at once).
              const saved = [...document.querySelectorAll('.banner')].some((b) =>
                b.textContent.includes(' moved to '),
              )
              if (moved && saved && el.getAttribute('data-state') === 'ready')
                requestAnimationFrame(() => (clearTimeout(give), done()))
              else requestAnimationFrame(check)
            }
            requestAnimationFrame(check)
          })
          return performance.now() - t0
        })()`)
        if (process.env['DEBUG_DIFF'])
          console.log(await page.evaluate('JSON.stringify(window.__diff)'))
        if (dropCdp) {
          const { profile } = await dropCdp.send('Profiler.stop')
          writeFileSync(
            `${process.env['PROFILE_DROP']}-${dropN++}.cpuprofile`,
            JSON.stringify(profile),
          )
        }
        if (process.env['BENCH_RAW']) {
          page.off('request', onRequest)
          console.log(`  requests: ${requests.join(' | ')}`)
        }
        wall.push(ms)
        cpu.push((await threadMs()) - cpu0)
        if (process.env['BENCH_RAW']) {
          console.log(`drag ${i}: ${ms.toFixed(0)} ms, cpu ${cpu.at(-1)!.toFixed(0)}`)
        }
        const saved = await core.db
          .selectFrom('appointments')
          .select('starts_at')
          .where('id', '=', dragged.id)
          .executeTakeFirstOrThrow()
        if (Math.abs(Date.parse(saved.starts_at) - Date.parse(dragged.startsAt)) > 15 * 60_000) {
          throw new Error('the drag bench moved the booking somewhere unexpected')
        }
      }
      return { wall, cpu }
    }
    if (dragCdp) {
      await dragCdp.send('Profiler.enable')
      await dragCdp.send('Profiler.setSamplingInterval', { interval: 200 })
      await dragCdp.send('Profiler.start')
    }
    // Everyone's week holding tomorrow (the next week when today is a Sunday).
    await page.getByRole('button', { name: 'Today' }).click()
    await settle(page, null)
    if (today.weekday === 0) {
      await page.getByRole('button', { name: 'Next week' }).click()
      await settle(page, null)
    }
    // TRACE_DRAG=file.json: a Chrome trace of the week drags (style, layout, paint).
    if (process.env['TRACE_DRAG']) {
      await browser.startTracing(page, {
        path: process.env['TRACE_DRAG'],
        screenshots: false,
        categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline'],
      })
    }
    const weekDrag = await timeDrags(30)
    if (process.env['TRACE_DRAG']) await browser.stopTracing()
    await page.getByRole('button', { name: 'Day', exact: true }).click()
    await page.getByRole('button', { name: 'Today' }).click()
    await settle(page, null)
    await page.getByRole('button', { name: 'Next day' }).click()
    await settle(page, null)
    const dayDrag = await timeDrags(20)

    // Day -> everyone's week and back (issue 19: "switching from day to week takes 364 ms"):
    // both ranges already fetched, so this is the drawing of ~930 bookings, or of a day.
    const toWeek: number[] = []
    const toDay: number[] = []
    const toWeekCpu: number[] = []
    const toDayCpu: number[] = []
    // PROFILE_SWITCH=file.cpuprofile: a CPU profile of these switches.
    const switchCdp = process.env['PROFILE_SWITCH']
      ? await page.context().newCDPSession(page)
      : null
    if (switchCdp) {
      await switchCdp.send('Profiler.enable')
      await switchCdp.send('Profiler.setSamplingInterval', { interval: 100 })
      await switchCdp.send('Profiler.start')
    }
    for (let i = 0; i < 10; i++) {
      for (const [label, into, cpu] of [
        ['Week', toWeek, toWeekCpu],
        ['Day', toDay, toDayCpu],
      ] as const) {
        const cpu0 = await threadMs()
        into.push(
          await timeClick(
            page,
            `[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === '${label}')`,
            // The day view reads the whole week's range too: the view's class says it is drawn.
            `el.classList.contains('view-${label.toLowerCase()}') && el.getAttribute('data-state') === 'ready'`,
            'diary did not switch view',
          ),
        )
        cpu.push((await threadMs()) - cpu0)
      }
    }
    if (switchCdp) {
      const { profile } = await switchCdp.send('Profiler.stop')
      writeFileSync(process.env['PROFILE_SWITCH']!, JSON.stringify(profile))
    }
    if (dragCdp) {
      const { profile } = await dragCdp.send('Profiler.stop')
      writeFileSync(process.env['PROFILE_DRAG']!, JSON.stringify(profile))
    }
    return [
      summarise(`week view next/previous (${weekEvents} bookings on screen) · Chromium`, nav, 150),
      summarise(
        `drag-and-drop move in everyone's week (${weekEvents} bookings): drop -> saved -> redrawn`,
        weekDrag.wall,
        100,
      ),
      summarise('drag-and-drop move in the day view (10 therapists)', dayDrag.wall, 100),
      // No budget in the issue (it gives next/previous's and a drag's): reported as measured.
      {
        ...summarise(`day view -> everyone's week (${weekEvents} bookings)`, toWeek, 0),
        budgetMs: undefined,
      },
      {
        ...summarise("everyone's week -> day view (10 therapists)", toDay, 0),
        budgetMs: undefined,
      },
      // No budget: what the page itself spent, whatever else the machine was doing.
      {
        ...summarise('  the same next/previous: page main-thread CPU', navCpu, 0),
        budgetMs: undefined,
      },
      {
        ...summarise('  the same week drag: page main-thread CPU', weekDrag.cpu, 0),
        budgetMs: undefined,
      },
      {
        ...summarise('  the same day drag: page main-thread CPU', dayDrag.cpu, 0),
        budgetMs: undefined,
      },
      {
        ...summarise('  the same day -> week: page main-thread CPU', toWeekCpu, 0),
        budgetMs: undefined,
      },
      {
        ...summarise('  the same week -> day: page main-thread CPU', toDayCpu, 0),
        budgetMs: undefined,
      },
    ]
  } finally {
    await browser.close()
    await server.close()
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
