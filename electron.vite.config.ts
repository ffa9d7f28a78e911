import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { contentSecurityPolicy } from './src/shared/csp'

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
    build: { minify: true },
    plugins: [
      react(),
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
