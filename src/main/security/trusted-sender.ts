/**
 * Is an IPC message from our own renderer page? Compared by origin and path, so a frame
 * navigated elsewhere (or an injected iframe) cannot reach the router.
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
  if (frame.protocol === 'file:') return frame.pathname === expected.pathname
  return frame.origin === expected.origin
}
