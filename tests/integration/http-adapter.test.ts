import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startWebServer, type WebServer } from '../../src/main/web/http-adapter'
import { openTempCore } from '../fixtures/temp-core'
import { aStaffMember } from '../fixtures/staff'

let core: Awaited<ReturnType<typeof openTempCore>>
let server: WebServer

beforeEach(async () => {
  core = await openTempCore()
  // A stand-in renderer build: the adapter only needs index.html and static files.
  const renderer = join(core.dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(
    join(renderer, 'index.html'),
    '<html><head><script type="module" src="./assets/app.js"></script></head></html>',
  )
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(core.dir, 'secret.txt'), 'not for the browser')
  const connection = core.connect()
  connection.begin(await aStaffMember(core.db, 'owner'))
  server = await startWebServer({ connection, rendererDir: renderer })
})
afterEach(async () => {
  await server.close()
  await core.dispose()
})

function rpc(body: unknown, headers: Record<string, string> = {}) {
  return rawRpc(JSON.stringify(body), headers)
}

/** A call as the loaded page makes it: its cookie and its token. */
function rawRpc(body: string, headers: Record<string, string> = {}) {
  return fetch(new URL('/__plinth/rpc', server.url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: server.cookie,
      'x-plinth-token': server.token,
      ...headers,
    },
    body,
  })
}

/** A GET with the raw path as written (fetch would normalise `%` escapes and dots). */
async function rawGet(path: string, headers: Record<string, string> = {}) {
  const { request } = await import('node:http')
  const { port } = new URL(server.url)
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (done, fail) => {
      const req = request(
        { host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
        (res) => {
          let body = ''
          res.on('data', (chunk: Buffer) => (body += chunk.toString()))
          res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }))
        },
      )
      req.on('error', fail)
      req.end()
    },
  )
}

describe('loopback HTTP adapter', () => {
  it('listens on 127.0.0.1 only and injects the bridge before the app script', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?launch=[\w-]{32}$/)
    const page = await fetch(server.origin, { headers: { cookie: server.cookie } })
    const html = await page.text()
    expect(html.indexOf('/__plinth/bridge.js')).toBeLessThan(html.indexOf('./assets/app.js'))
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
  })

  it('answers contract calls through the router for the page that has the token', async () => {
    const res = await rpc({ method: 'settings.get', input: {} })
    expect(await res.json()).toMatchObject({ ok: true, value: { clinicName: 'My clinic' } })
  })

  it('refuses a call without the token or with a forged one', async () => {
    expect(
      (await rpc({ method: 'settings.get', input: {} }, { 'x-plinth-token': 'guess' })).status,
    ).toBe(403)
    const noToken = await fetch(new URL('/__plinth/rpc', server.url), {
      method: 'POST',
      headers: { cookie: server.cookie },
      body: JSON.stringify({ method: 'settings.get', input: {} }),
    })
    expect(noToken.status).toBe(403)
    // The token alone is not enough: it must come from the page that holds the cookie.
    expect((await rpc({ method: 'settings.get', input: {} }, { cookie: '' })).status).toBe(403)
    const forgedCookie = `${server.cookie.split('=')[0]}=guess`
    expect(
      (await rpc({ method: 'settings.get', input: {} }, { cookie: forgedCookie })).status,
    ).toBe(403)
  })

  it('gives the page its cookie only for the launch address, and the token only with the cookie', async () => {
    // A local process that knows only the port, sending no Sec-Fetch-Site at all.
    for (const path of ['/', '/index.html', '/?launch=guess']) {
      const res = await rawGet(path)
      expect(res.status, path).toBe(403)
      expect(res.headers['set-cookie'], path).toBeUndefined()
    }
    const bridge = await rawGet('/__plinth/bridge.js')
    expect(bridge.status).toBe(403)
    expect(bridge.body).not.toContain(server.token)

    // The launch address: an HttpOnly, SameSite=Strict cookie and a redirect off the key.
    const launch = await rawGet(new URL(server.url).pathname + new URL(server.url).search)
    expect(launch.status).toBe(303)
    expect(launch.headers['location']).toBe('/')
    const setCookie = String(launch.headers['set-cookie'])
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    const cookie = setCookie.split(';')[0]!
    expect(cookie).toBe(server.cookie)
    expect((await rawGet('/', { cookie })).status).toBe(200)
    const withCookie = await rawGet('/__plinth/bridge.js', { cookie })
    expect(withCookie.status).toBe(200)
    expect(withCookie.body).toContain(server.token)
    expect(withCookie.headers['content-type']).toBe('text/javascript; charset=utf-8')
    // Another port of 127.0.0.1 is the same site, so the browser would send the cookie: the
    // Sec-Fetch-Site check still refuses it.
    expect(
      (await rawGet('/__plinth/bridge.js', { cookie, 'sec-fetch-site': 'same-site' })).status,
    ).toBe(403)
  })

  it('answers a malformed address or body with 400, never 500', async () => {
    for (const path of ['/%', '/%E0%A4%A', '/assets/%zz.js', '/%C0%AF']) {
      expect((await rawGet(path)).status, path).toBe(400)
    }
    for (const body of [
      'null',
      '[]',
      '"settings.get"',
      '42',
      '{"input":{}}',
      '{"method":7}',
      '{',
      '',
    ]) {
      const res = await rawRpc(body)
      expect(res.status, body).toBe(400)
    }
    // Unknown methods and bad input are the router's: a typed error, status 200.
    const unknown = await rawRpc('{"method":"no.such","input":null}')
    expect(unknown.status).toBe(200)
    expect(await unknown.json()).toMatchObject({ ok: false })
  })

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http')
    const status = await new Promise<number>((done, fail) => {
      const req = request(server.url, { headers: { host: 'evil.example:80' } }, (res) => {
        res.resume()
        done(res.statusCode ?? 0)
      })
      req.on('error', fail)
      req.end()
    })
    expect(status).toBe(421)
  })

  it('does not hand the token to a page on another site, nor serve files outside the build', async () => {
    const crossSite = await fetch(new URL('/__plinth/bridge.js', server.url), {
      headers: { 'sec-fetch-site': 'cross-site', cookie: server.cookie },
    })
    expect(crossSite.status).toBe(403)
    const sameOrigin = await fetch(new URL('/__plinth/bridge.js', server.url), {
      headers: { 'sec-fetch-site': 'same-origin', cookie: server.cookie },
    })
    expect(await sameOrigin.text()).toContain(server.token)
    const escape = await fetch(new URL('/..%2Fsecret.txt', server.url))
    expect(escape.status).toBe(404)
    expect(await (await fetch(new URL('/assets/app.js', server.url))).text()).toBe('console.log(1)')
  })
})
