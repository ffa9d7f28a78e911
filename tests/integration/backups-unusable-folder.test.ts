import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aSession, openTempCore } from '../fixtures/temp-core'

// A user trial set the backup folder to /proc/plinth-nope: Node's recursive mkdir retried
// for ever and froze the main process (and so every desk). Every unusable folder is now
// refused in words beside the field, and the clinic keeps answering.

type Core = Awaited<ReturnType<typeof openTempCore>>
let core: Core
const owner = aSession('owner')
beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-06-17T09:00:00Z') })
})
afterEach(async () => {
  await core.dispose()
})

const settings = {
  keepRecent: 48,
  keepDaily: 14,
  keepWeekly: 8,
  keepMonthly: 12,
  encrypt: false,
}

describe('an unusable backup folder', () => {
  it('is refused in words, and the clinic goes on answering', async () => {
    const aFile = join(core.dir, 'a-file')
    writeFileSync(aFile, 'not a folder')
    const folders = [
      join(aFile, 'backups'),
      ...(process.platform === 'linux' ? ['/proc/plinth-nope', '/proc/plinth-nope/deeper'] : []),
    ]
    for (const folder of folders) {
      const result = await core.router.call(
        'backups.updateSettings',
        { ...settings, folder },
        owner,
      )
      expect(result, folder).toMatchObject({
        ok: false,
        error: {
          code: 'rule_broken',
          fieldErrors: [{ path: 'folder', message: expect.stringMatching(/^Plinth cannot write/) }],
        },
      })
      const message = JSON.stringify(result)
      expect(message).not.toMatch(/ENOTDIR|ENOENT|EACCES/)
    }
    expect(await core.router.call('settings.get', {}, owner)).toMatchObject({ ok: true })
  })
})
