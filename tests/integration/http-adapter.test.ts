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
  return fetch(new URL('/__plinth/rpc', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-plinth-token': server.token, ...headers },
    body: JSON.stringify(body),
  })
}

describe('loopback HTTP adapter', () => {
  it('listens on 127.0.0.1 only and injects the bridge before the app script', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const html = await (await fetch(server.url)).text()
    expect(html.indexOf('/__plinth/bridge.js')).toBeLessThan(html.indexOf('./assets/app.js'))
    const page = await fetch(server.url)
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
      body: JSON.stringify({ method: 'settings.get', input: {} }),
    })
    expect(noToken.status).toBe(403)
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
      headers: { 'sec-fetch-site': 'cross-site' },
    })
    expect(crossSite.status).toBe(403)
    const sameOrigin = await fetch(new URL('/__plinth/bridge.js', server.url), {
      headers: { 'sec-fetch-site': 'same-origin' },
    })
    expect(await sameOrigin.text()).toContain(server.token)
    const escape = await fetch(new URL('/..%2Fsecret.txt', server.url))
    expect(escape.status).toBe(404)
    expect(await (await fetch(new URL('/assets/app.js', server.url))).text()).toBe('console.log(1)')
  })
})
