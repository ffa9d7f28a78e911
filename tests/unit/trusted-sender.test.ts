import { describe, expect, it } from 'vitest'
import { isTrustedRendererUrl } from '../../src/main/security/trusted-sender'

describe('which frames may call main', () => {
  const packaged = 'file:///opt/Plinth/resources/app/out/renderer/index.html'

  it('trusts our own packaged page, with or without a hash route', () => {
    expect(isTrustedRendererUrl(packaged, packaged)).toBe(true)
    expect(isTrustedRendererUrl(`${packaged}#/settings`, packaged)).toBe(true)
  })

  it('refuses any other local file, another site, or garbage', () => {
    expect(isTrustedRendererUrl('file:///tmp/evil.html', packaged)).toBe(false)
    expect(isTrustedRendererUrl('https://example.com/', packaged)).toBe(false)
    expect(isTrustedRendererUrl('', packaged)).toBe(false)
  })

  it('trusts the dev server by origin only', () => {
    const dev = 'http://localhost:5173/'
    expect(isTrustedRendererUrl('http://localhost:5173/#/diary', dev)).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false)
  })
})
