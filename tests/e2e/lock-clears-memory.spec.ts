import type { Page } from '@playwright/test'
import { TEST_PASSWORD } from '../fixtures/staff'
import { clinicNow } from './clinic-clock'
import { expect, test } from './fixtures'
import { aClient, startFollowUp } from './notes-helpers'
import { heapRetainers } from './heap-holds'

// Issue 12: what was on screen before a lock must not stay in the renderer behind the lock
// screen, whether it locked itself (idle) or with Ctrl+L; and typing not yet saved is
// saved first, never lost.

/** Whether a heap snapshot of the page (after a full garbage collection) holds the text. */
async function heapHolds(page: Page, text: string): Promise<boolean> {
  const { paths, onlyByTools } = await heapRetainers(page, text)
  // What kept it, for the failure's output (a path from a GC root to the string).
  for (const path of paths) console.log(`retained:\n  ${path.join('\n  ')}`)
  if (onlyByTools > 0) console.log(`held only by the test's tools: ${onlyByTools}`)
  return paths.length > 0
}

const SECRET = 'Zygomatic bursitis after the Snowdon fell race'

test.describe('with the page clock under the test’s control', () => {
  test.use({ pinClock: false })

  for (const how of ['idle', 'Ctrl+L'] as const) {
    test(`locking (${how}) saves the typing, then leaves no note text in the page or its memory`, async ({
      page,
      clinic,
    }) => {
      test.setTimeout(120_000)
      const clientId = await aClient(clinic.core)
      await page.clock.install({ time: clinicNow() })
      await clinic.open(page, { as: 'therapist', at: '#/diary' })
      await startFollowUp(page, clientId, clinic.url)
      await page.getByLabel('Objective').fill(SECRET)
      // The check can fail: the text is there while the note is open.
      expect(await heapHolds(page, SECRET)).toBe(true)

      // Locked before the autosave's pause is up (Ctrl+L) or long after it (idle).
      if (how === 'idle') await page.clock.fastForward('05:10')
      else await page.keyboard.press('Control+l')
      await expect(page.getByRole('heading', { name: 'Plinth is locked' })).toBeVisible()
      // Saved in main before the lock dropped it from the page.
      const saved = await clinic.core.db
        .selectFrom('notes')
        .select('sections')
        .where('client_id', '=', clientId)
        .executeTakeFirstOrThrow()
      expect(saved.sections).toContain(SECRET)
      // Gone from the page: the DOM, the query and mutation caches, the editor's state.
      expect(await page.content()).not.toContain(SECRET)
      expect(await page.content()).not.toContain('Priya')
      expect(await heapHolds(page, SECRET)).toBe(false)

      // Unlocking brings the note back from main, as typed.
      await page.getByLabel('Password').fill(TEST_PASSWORD)
      await page.getByRole('button', { name: 'Unlock' }).click()
      await expect(page.getByLabel('Objective')).toHaveValue(SECRET)
    })
  }
})
