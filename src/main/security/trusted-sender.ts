import { APP_ENTRY_URL } from './app-protocol'

/**
 * Where the window's page comes from: app://plinth, or, only in an unpackaged app
 * (`npm run dev`), electron-vite's dev server named by ELECTRON_RENDERER_URL, and then only
 * an http address on this computer. A packaged Plinth that trusted the variable would load
 * (and give IPC to) whatever page it named.
 */
export function chooseRendererUrl(
  isPackaged: boolean,
  devUrl: string | undefined,
): { url: string; dev: boolean } {
  if (!isPackaged && devUrl && isLocalDevServer(devUrl)) return { url: devUrl, dev: true }
  return { url: APP_ENTRY_URL, dev: false }
}

function isLocalDevServer(url: string): boolean {
  try {
    const parsed = new URL(url)
    return (
      parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)
    )
  } catch {
    return false
  }
}

/**
 * Is an IPC message (or a navigation) from our own renderer page? app:// is compared by
 * scheme and host (a non-special URL's origin is "null"), the dev server by origin; file://
 * and every other scheme are refused, so a frame navigated elsewhere (or an injected
 * iframe, or a local HTML file) cannot reach the router.
 */
export function isTrustedRendererUrl(frameUrl: string, rendererUrl: string): boolean {
  let frame: URL
  let expected: URL
  try {
    frame = new URL(frameUrl)
    expected = new URL(rendererUrl)
  } catch {
    return false
  }
  if (frame.protocol !== expected.protocol) return false
  if (frame.protocol === 'app:') return frame.host === expected.host && frame.host !== ''
  if (frame.protocol === 'http:') return frame.origin === expected.origin
  return false
}
