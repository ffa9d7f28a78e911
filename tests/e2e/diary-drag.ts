import type { Locator, Page } from '@playwright/test'

/** Grabs a booking by its middle (its edges resize) and drops it `hours` later, same day. */
export async function dragDown(page: Page, event: Locator, hours: number) {
  const nine = (await page
    .locator('.rbc-time-gutter .rbc-label', { hasText: /^09:00$/ })
    .boundingBox())!
  const ten = (await page
    .locator('.rbc-time-gutter .rbc-label', { hasText: /^10:00$/ })
    .boundingBox())!
  // The diary scrolls to the working day as it opens: grab the booking once it is still.
  let box = (await event.boundingBox())!
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100)
    const again = (await event.boundingBox())!
    if (Math.abs(again.y - box.y) < 0.5) break
    box = again
  }
  const hour = ten.y - nine.y
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x, y + hour / 2, { steps: 5 })
  await page.mouse.move(x, y + hours * hour + 4, { steps: 8 })
  await page.mouse.up()
}
