import { execSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import type { Page } from '@playwright/test'
import { seedDemoClinic } from '../../src/main/seed/demo-clinic'
import { expect, test } from './fixtures'

// Issue 14's budget: "the whole screen opens in under 500 ms in Chromium". Measured here on the
// seeded demo clinic (with its months of history) and printed with the machine's load, not
// asserted: a shared build machine's timings say little about a clinic's PC. "Open" is from
// the click on Reports (or the address, cold) until every section has its figures: none busy,
// none loading, every heading named.

async function allSectionsShown(page: Page) {
  // A string: this file is type-checked for Node, the function runs in the page.
  await page.waitForFunction(`(() => {
    const sections = [...document.querySelectorAll('section.report-section')]
    return sections.length >= 10 && sections.every((s) =>
      s.getAttribute('aria-busy') === 'false' &&
      !s.textContent.includes('Loading…') &&
      s.querySelector('h2')?.textContent !== '…')
  })()`)
}

test('the whole Reports screen opens on the demo clinic (time printed)', async ({
  page,
  clinic,
}, info) => {
  test.setTimeout(240_000)
  await seedDemoClinic(clinic.core, { clients: 150, history: true })
  const load = () => execSync('uptime').toString().trim()
  const times: { cold: number[]; warm: number[] } = { cold: [], warm: [] }
  for (let i = 0; i < 5; i++) {
    // Cold: the app loads at #/reports, signed in (the page and its data from nothing).
    await clinic.open(page, { as: 'owner', at: '#/diary' })
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
    await page.goto('about:blank')
    let start = performance.now()
    await page.goto(`${clinic.url}#/reports`)
    await allSectionsShown(page)
    times.cold.push(performance.now() - start)
    // Warm: from the diary, a click on Reports (the app running, no reports cached).
    await page.goto(`${clinic.url}#/diary`)
    await page.reload()
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
    start = performance.now()
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reports' })
      .click()
    await allSectionsShown(page)
    times.warm.push(performance.now() - start)
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const line = `reports screen open (demo clinic, 5 runs): click from the diary median ${median(times.warm).toFixed(0)} ms (max ${Math.max(...times.warm).toFixed(0)}), cold load at #/reports median ${median(times.cold).toFixed(0)} ms (max ${Math.max(...times.cold).toFixed(0)}); budget 500 ms; ${load()}`
  console.log(line)
  info.annotations.push({ type: 'timing', description: line })
  expect(times.warm.length).toBe(5)
})
