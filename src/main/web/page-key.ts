import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * How the loopback adapter binds its RPC token to the page it served (issue #12).
 *
 * The token used to be handed to whoever fetched `/__plinth/bridge.js` without a
 * `Sec-Fetch-Site` header, i.e. to any local process. Now the bridge (and every call) needs
 * a cookie that only the page load carrying this server's launch key gets:
 *  - `serve:web` prints `http://127.0.0.1:N/?launch=KEY` (as Jupyter prints its token URL);
 *    the key is random per process and never written to disk;
 *  - that load sets `plinth-N=<random>` HttpOnly (page scripts cannot read it) and
 *    SameSite=Strict (no other site's page can make the browser send it), then redirects to
 *    `/` so the key leaves the address bar and history;
 *  - the bridge script, the RPC endpoint and the event stream refuse a request without it.
 * A local process that knows only the port gets neither the cookie nor the token. The cookie
 * name carries the port because cookies are shared by every port of 127.0.0.1.
 */
export class PageKey {
  readonly launchKey = randomBytes(24).toString('base64url')
  readonly #cookieValue = randomBytes(24).toString('base64url')
  readonly cookieName: string

  constructor(port: number) {
    this.cookieName = `plinth-${port}`
  }

  /** Whether a page address carries this server's launch key (`?launch=KEY`). */
  opens(url: URL): boolean {
    return sameSecret(url.searchParams.get('launch'), this.launchKey)
  }

  /** The Set-Cookie header value for the page load that presented the launch key. */
  setCookie(): string {
    return `${this.cookieName}=${this.#cookieValue}; Path=/; HttpOnly; SameSite=Strict`
  }

  /** The Cookie header a client outside a browser (a test) sends to act as the page. */
  cookieHeader(): string {
    return `${this.cookieName}=${this.#cookieValue}`
  }

  /** Whether the request comes from a browser that loaded the page with the launch key. */
  holds(req: IncomingMessage): boolean {
    return sameSecret(cookieValue(req.headers.cookie, this.cookieName), this.#cookieValue)
  }
}

/** A constant-time comparison of a secret with what a request sent (absent: no match). */
export function sameSecret(given: unknown, secret: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(secret)
  return a.length === b.length && timingSafeEqual(a, b)
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return null
}
