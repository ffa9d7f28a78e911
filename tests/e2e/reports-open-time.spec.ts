import { execSync } from 'node:child_process'
import type { Page } from '@playwright/test'
import { seedDemoClinic } from '../../src/main/seed/demo-clinic'
import { expect, test } from './fixtures'

// Issue 14's budget: "the whole screen opens in under 500 ms in Chromium". Measured here on the
// seeded demo clinic (with its months of history) and printed with the machine's load, not
// asserted: a shared build machine's timings say little about a clinic's PC. Timed in the page
// on its own clock: from the move to #/reports (warm: the app running, on the diary; cold: from
// the page's navigation start, the app's scripts loading too) until every section shows its
// figures (none busy, none loading, every heading named), checked on each animation frame.

/** Milliseconds from `start` (the page's performance.now(); 0: navigation start) to done. */
async function timeToAllSections(page: Page, warm: boolean): Promise<number> {
  return page.evaluate(async (warm) => {
    interface El {
      getAttribute(name: string): string | null
      textContent: string | null
      querySelector(s: string): El | null
    }
    // This file is type-checked for Node: the page's globals are named by hand.
    const g = globalThis as unknown as {
      document: { querySelectorAll(s: string): El[] }
      location: { hash: string }
      performance: { now(): number }
      requestAnimationFrame(f: () => void): void
    }
    const start = warm ? g.performance.now() : 0
    if (warm) g.location.hash = '#/reports'
    for (;;) {
      const sections = [...g.document.querySelectorAll('section.report-section')]
      const done =
        sections.length >= 10 &&
        sections.every(
          (s) =>
            s.getAttribute('aria-busy') === 'false' &&
            !s.textContent?.includes('Loading…') &&
            s.querySelector('h2')?.textContent !== '…',
        )
      if (done) return g.performance.now() - start
      await new Promise<void>((r) => g.requestAnimationFrame(r))
    }
  }, warm)
}

test('the whole Reports screen opens on the demo clinic (time printed)', async ({
  page,
  clinic,
}, info) => {
  test.setTimeout(240_000)
  await seedDemoClinic(clinic.core, { clients: 150, history: true })
  const nav = page.getByRole('navigation', { name: 'Main' })
  const times = { warm: [] as number[], cold: [] as number[] }
  await clinic.open(page, { as: 'owner', at: '#/diary' })
  for (let i = 0; i < 5; i++) {
    await page.goto(`${clinic.url}#/diary`)
    await page.reload()
    await expect(nav.getByRole('link', { name: 'Reports' })).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: /Diary|Today/ })).toBeVisible()
    times.warm.push(await timeToAllSections(page, true))
    await page.goto('about:blank')
    await page.goto(`${clinic.url}#/reports`)
    times.cold.push(await timeToAllSections(page, false))
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const ms = (xs: number[]) =>
    `median ${median(xs).toFixed(0)} ms (max ${Math.max(...xs).toFixed(0)})`
  const line = `reports screen open (demo clinic, 5 runs each): from the diary ${ms(times.warm)}; cold page load at #/reports ${ms(times.cold)}; budget 500 ms; ${execSync('uptime').toString().trim()}`
  console.log(line)
  info.annotations.push({ type: 'timing', description: line })
  expect(times.warm).toHaveLength(5)
})
