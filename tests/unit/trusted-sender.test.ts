import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chooseRendererUrl, isTrustedRendererUrl } from '../../src/main/security/trusted-sender'
import { APP_ENTRY_URL, resolveAppRequest } from '../../src/main/security/app-protocol'

describe('which frames may call main', () => {
  it('trusts our own app:// page, with or without a hash route', () => {
    expect(isTrustedRendererUrl(APP_ENTRY_URL, APP_ENTRY_URL)).toBe(true)
    expect(isTrustedRendererUrl('app://plinth/index.html#/settings', APP_ENTRY_URL)).toBe(true)
    expect(isTrustedRendererUrl('app://plinth/', APP_ENTRY_URL)).toBe(true)
  })

  it('refuses local files (file:// is no longer how the page loads), other hosts, sites and garbage', () => {
    for (const url of [
      'file:///opt/Plinth/resources/app.asar/out/renderer/index.html',
      'file:///tmp/evil.html',
      'app://evil/index.html',
      'app:///index.html',
      'https://example.com/',
      'http://localhost:5173/',
      'javascript:alert(1)',
      '',
    ]) {
      expect(isTrustedRendererUrl(url, APP_ENTRY_URL), url).toBe(false)
    }
  })

  it('trusts the dev server by origin only', () => {
    const dev = 'http://localhost:5173/'
    expect(isTrustedRendererUrl('http://localhost:5173/#/diary', dev)).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false)
    expect(isTrustedRendererUrl(APP_ENTRY_URL, dev)).toBe(false)
  })
})

describe('where the window’s page comes from', () => {
  it('is app:// once packaged, whatever ELECTRON_RENDERER_URL says', () => {
    expect(chooseRendererUrl(true, 'http://localhost:5173/')).toEqual({
      url: APP_ENTRY_URL,
      dev: false,
    })
    expect(chooseRendererUrl(true, 'https://evil.example/')).toEqual({
      url: APP_ENTRY_URL,
      dev: false,
    })
  })

  it('is the dev server in `npm run dev`, and only one on this computer over http', () => {
    expect(chooseRendererUrl(false, 'http://localhost:5173/')).toEqual({
      url: 'http://localhost:5173/',
      dev: true,
    })
    expect(chooseRendererUrl(false, 'http://127.0.0.1:5173/').dev).toBe(true)
    for (const bad of [
      'https://evil.example/',
      'file:///tmp/x.html',
      'http://10.0.0.5:5173/',
      'nonsense',
    ]) {
      expect(chooseRendererUrl(false, bad), bad).toEqual({ url: APP_ENTRY_URL, dev: false })
    }
    expect(chooseRendererUrl(false, undefined).url).toBe(APP_ENTRY_URL)
  })
})

describe('app:// requests', () => {
  const root = mkdtempSync(join(tmpdir(), 'plinth-app-'))
  const renderer = join(root, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<html></html>')
  writeFileSync(join(root, 'secret.txt'), 'not for the page')

  it('serve files of the renderer folder with their content type', () => {
    expect(resolveAppRequest('app://plinth/index.html', renderer)).toEqual({
      kind: 'file',
      path: join(renderer, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    })
    expect(resolveAppRequest('app://plinth/', renderer)).toMatchObject({
      path: join(renderer, 'index.html'),
    })
    expect(resolveAppRequest('app://plinth/assets/app-1a2b.js', renderer)).toMatchObject({
      kind: 'file',
      path: join(renderer, 'assets', 'app-1a2b.js'),
      contentType: 'text/javascript; charset=utf-8',
    })
    expect(resolveAppRequest('app://plinth/index.html?x=1#/diary', renderer)).toMatchObject({
      path: join(renderer, 'index.html'),
    })
  })

  it('refuse every way out of the folder, malformed escapes and other hosts', () => {
    const refused = {
      'app://plinth/../secret.txt': [403, 404],
      'app://plinth/..%2fsecret.txt': [403],
      'app://plinth/%2e%2e/secret.txt': [403],
      'app://plinth/%2E%2E%2Fsecret.txt': [403],
      'app://plinth/assets/..%2F..%2Fsecret.txt': [403],
      'app://plinth/..%5csecret.txt': [400],
      'app://plinth/assets%5c..%5c..%5csecret.txt': [400],
      'app://plinth/index.html%00.png': [400],
      'app://plinth/%E0%A4%A': [400],
      'app://plinth/%': [400],
      'app://evil/index.html': [404],
      'file:///etc/passwd': [404],
      'not a url': [400],
    }
    for (const [url, statuses] of Object.entries(refused)) {
      const answer = resolveAppRequest(url, renderer)
      // A `..` the URL parser already resolved lands inside the folder, never outside it.
      if (answer.kind === 'file') {
        expect(answer.path.startsWith(renderer), url).toBe(true)
        continue
      }
      expect(statuses, url).toContain(answer.status)
    }
  })
})
