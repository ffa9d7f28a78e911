import { defineConfig } from '@playwright/test'
import { findBrowser } from './tests/e2e/find-browser'

// Playwright's own browser download cannot work offline: find one on this machine.
const executablePath = findBrowser()

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/playwright-artifacts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Sign-in hashes at the real scrypt cost (128 MiB, ~0.35 s a hash on an idle core);
  // on a busy 2-core CI machine that can take several seconds.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
})
