import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const DATE_FNS_ROOT = {
  name: 'date-fns',
  message:
    'Import each function from its own path (date-fns/format): main loads the whole root at start.',
}
const DATE_FNS_LOCALES = {
  name: 'date-fns/locale',
  message: 'Import the one locale (date-fns/locale/en-GB): the folder loads every locale.',
}

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The renderer has no Node: keep main-process modules out of its import graph.
    files: ['src/renderer/**/*.{ts,tsx}', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'electron', 'better-sqlite3', '**/main/**', '**/preload/**'] },
      ],
    },
  },
  {
    // Main loads packages from node_modules at run time (electron-vite leaves them external):
    // the date-fns root made Node load all of date-fns at start (issue 19).
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/services/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [DATE_FNS_ROOT, DATE_FNS_LOCALES] }] },
  },
  {
    // src/main/db is the one place that knows the storage engine (issue 17): services use
    // Kysely's builder. A measured hot path that needs raw SQL says so where it disables this.
    files: ['src/main/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'better-sqlite3',
              message: 'SQLite specifics live in src/main/db: add a function there.',
            },
            DATE_FNS_ROOT,
            DATE_FNS_LOCALES,
            {
              name: 'kysely',
              importNames: ['sql'],
              message:
                'Raw SQL lives in src/main/db; use the query builder, or disable with the measured reason.',
            },
          ],
        },
      ],
    },
  },
  {
    // Migrations are frozen: typed against no schema (Kysely<any>, as Kysely's own docs do),
    // so a later change to db/schema.ts can never change what an old migration means.
    files: ['src/main/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
)
