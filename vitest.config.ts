import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // better-sqlite3 is a native addon: separate processes keep each file's handles apart.
    pool: 'forks',
    // Real scrypt (128 MiB, ~0.35 s a hash on an idle core), real backups and real files:
    // several seconds a test on a busy 2-core CI machine, past vitest's 5 s default.
    testTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
})
