// `npm test`: every check CI runs, in order, then one line totalling every test runner.
// Runs each step even after a failure, so one red step does not hide another.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

const steps = [
  ['typecheck', 'npm', ['run', 'typecheck']],
  ['lint', 'npm', ['run', 'lint']],
  ['vitest', 'npx', ['vitest', 'run']],
  ['build', 'npx', ['electron-vite', 'build']],
  ['playwright', 'npx', ['playwright', 'test']],
]

rmSync('test-results/vitest.json', { force: true })
rmSync('test-results/playwright.json', { force: true })

const failedSteps = []
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name} ===`)
  if (name === 'playwright' && failedSteps.includes('build')) {
    console.log('skipped: the renderer did not build')
    failedSteps.push(name)
    continue
  }
  const { status } = spawnSync(command, args, { stdio: 'inherit' })
  if (status !== 0) failedSteps.push(name)
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null
}

const vitest = readJson('test-results/vitest.json')
const playwright = readJson('test-results/playwright.json')
const counts = {
  vitest: vitest
    ? {
        passed: vitest.numPassedTests,
        failed: vitest.numFailedTests,
        skipped: vitest.numPendingTests + vitest.numTodoTests,
      }
    : null,
  playwright: playwright
    ? {
        passed: playwright.stats.expected + playwright.stats.flaky,
        failed: playwright.stats.unexpected,
        skipped: playwright.stats.skipped,
      }
    : null,
}

console.log('\n=== summary ===')
let passed = 0
let failed = 0
for (const [runner, c] of Object.entries(counts)) {
  if (!c) {
    console.log(`${runner} · no report (the runner did not finish)`)
    continue
  }
  console.log(`${runner} · ${c.passed} passed · ${c.failed} failed · ${c.skipped} skipped`)
  passed += c.passed
  failed += c.failed
}
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0)
