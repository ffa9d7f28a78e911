import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { contentSecurityPolicy } from './src/shared/csp'

/** The hour rows of every day column after the first (react-big-calendar's column lines). */
const COLUMN_LINE = '.rbc-time-content > * + .rbc-day-slot > .rbc-timeslot-group'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          // Its own entry, out/main/file-worker.js: backups, restores and the integrity check
          // run their SQLite work in a worker thread started from it (src/main/db/off-thread.ts).
          'file-worker': resolve('src/main/db/file-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload cannot load ES modules: it must be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    // electron-vite leaves bundles unminified; the renderer parses ~3x faster minified.
    // PLINTH_NO_MINIFY=1 keeps the names, for reading the bench's CPU profiles.
    build: { minify: !process.env['PLINTH_NO_MINIFY'] },
    plugins: [
      react(),
      {
        // react-big-calendar draws the line between day columns with
        // `.rbc-time-content > * + * > *`: its universal last part is tried on every element
        // of the page, and its sibling part flags every bookings container as styled by its
        // children's order, so a week's bookings coming and going restyled all of them
        // (~5,600 elements a next/previous, issue 19). The same lines, on the column's hour
        // rows only.
        name: 'plinth-calendar-column-lines',
        transform(code, id) {
          if (!id.includes('react-big-calendar') || !id.endsWith('.css')) return null
          return code.replaceAll('.rbc-time-content > * + * > *', COLUMN_LINE)
        },
      },
      {
        // The CSP lives in one place (src/shared/csp.ts) so the Electron window and the
        // loopback adapter serve the same policy; dev mode alone needs inline styles for HMR.
        name: 'plinth-csp',
        transformIndexHtml: {
          order: 'pre',
          handler: (html, ctx) =>
            html.replace('%PLINTH_CSP%', contentSecurityPolicy({ dev: Boolean(ctx.server) })),
        },
      },
    ],
  },
})
