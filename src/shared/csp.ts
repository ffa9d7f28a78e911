/**
 * The renderer's Content-Security-Policy. No inline script and no eval anywhere; the
 * renderer only talks to its own origin (the loopback adapter) or to main over IPC.
 * Vite's dev server injects <style> tags for hot reload, so dev alone allows inline styles.
 */
export function contentSecurityPolicy({
  dev,
  header = false,
}: {
  dev: boolean
  header?: boolean
}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    dev ? "connect-src 'self' ws:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    // Browsers ignore frame-ancestors in a <meta> tag (and warn), so only the header sets it.
    ...(header ? ["frame-ancestors 'none'"] : []),
  ].join('; ')
}
