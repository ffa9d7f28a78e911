import { expect, test } from '@playwright/test'
import { heapRetainers } from './heap-holds'

// The lock test's memory check leaves out what only the test's tools hold (heap-holds.ts).
// These pin both sides: the fake clock's copy of a stack is left out, and a pending timer's
// own callback, which a real window would keep too, is still reported.

const SECRET = 'Plantar fasciitis since the Manchester marathon'

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-30T09:00:00Z') })
  await page.setContent('<p>heap</p>')
})

test('text reachable only through the fake clock’s record of a stack is not counted', async ({
  page,
}) => {
  await page.evaluate((text) => {
    // The receiver of the frame that sets the timer holds the text, as an aborted query did.
    class Holder {
      constructor(readonly held: string) {}
      wait() {
        setTimeout(() => {}, 600_000)
      }
    }
    new Holder([text, 'x'].join(' ')).wait()
  }, SECRET)
  // There, and found: held, but only by the fake clock's copy of the stack.
  expect(await heapRetainers(page, SECRET)).toEqual({ paths: [], onlyByTools: 1 })
})

test('text a pending timer’s callback holds is reported, with its path', async ({ page }) => {
  await page.evaluate((text) => {
    const held = [text, 'x'].join(' ')
    setTimeout(() => held.length, 600_000)
  }, SECRET)
  const { paths } = await heapRetainers(page, SECRET)
  expect(paths.length).toBeGreaterThan(0)
  expect(paths[0]!.at(-1)).toContain(SECRET)
})
