import { join, resolve, sep } from 'node:path'
import { contentTypeOf } from '../web/content-types'

/**
 * The renderer is served from `app://plinth/…` (issue 12, Electron checklist #18), not
 * file://: a file:// page may read other local files and shares one origin with every
 * other file, while app://plinth is an origin of its own that serves only the built
 * renderer folder. Registered as standard and secure in src/main/index.ts.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'plinth'
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

export type AppRequest =
  | { kind: 'file'; path: string; contentType: string }
  | { kind: 'refused'; status: 400 | 403 | 404; reason: string }

/**
 * Maps an app:// request to a file inside `rendererDir`, or refuses it: another host, a
 * malformed `%` escape, a NUL or backslash, and any `..` (also encoded as `%2e%2e` or
 * `..%2f`) never leave the folder.
 */
export function resolveAppRequest(url: string, rendererDir: string): AppRequest {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { kind: 'refused', status: 400, reason: 'not a URL' }
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { kind: 'refused', status: 404, reason: 'not this app' }
  }
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return { kind: 'refused', status: 400, reason: 'malformed escape' }
  }
  if (path.includes('\0') || path.includes('\\')) {
    return { kind: 'refused', status: 400, reason: 'NUL or backslash' }
  }
  const segments = path.split('/').filter((s) => s !== '' && s !== '.')
  if (segments.some((s) => s === '..')) {
    return { kind: 'refused', status: 403, reason: 'path traversal' }
  }
  const root = resolve(rendererDir)
  const file = resolve(join(root, ...(segments.length > 0 ? segments : ['index.html'])))
  if (!file.startsWith(root + sep)) {
    return { kind: 'refused', status: 403, reason: 'outside the renderer' }
  }
  return { kind: 'file', path: file, contentType: contentTypeOf(file) }
}
