import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { BackupJob, BackupSettings } from '../../src/shared/contract/backups'
import { asOwner, finishedJob } from '../fixtures/owner-calls'
import { openTempCore } from '../fixtures/temp-core'

// A user trial restored on a new PC from the USB folder it had just chosen: the restored
// file's old backup settings replaced the new ones, so the USB backups (the "Before a restore"
// one among them) vanished from the list and later backups went to the local disk.

type TempCore = Awaited<ReturnType<typeof openTempCore>>
const cores: TempCore[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()!.dispose()
})

it('keeps this computer’s backup folder, counts and encryption choice across a restore', async () => {
  const core = await openTempCore()
  cores.push(core)
  const old = await finishedJob(core, await asOwner<BackupJob>(core, 'backups.create', {}))
  expect(old.state).toBe('done')
  const usb = join(core.dir, 'usb')
  mkdirSync(usb)
  const chosen = {
    folder: usb,
    keepRecent: 5,
    keepDaily: 7,
    keepWeekly: 4,
    keepMonthly: 24,
    encrypt: false,
  }
  await asOwner(core, 'backups.updateSettings', chosen)

  const { backups } = await asOwner<{ backups: { name: string; reason: string }[] }>(
    core,
    'backups.list',
    {},
  )
  const restore = await asOwner<BackupJob>(core, 'backups.restore', {
    name: backups.find((b) => b.reason === 'manual')!.name,
  })
  expect((await finishedJob(core, restore)).state).toBe('done')

  const after = await asOwner<BackupSettings & { value?: BackupSettings }>(
    core,
    'backups.settings',
    {},
  )
  const settings = (after.value ?? after) as BackupSettings
  expect(settings).toMatchObject(chosen)
  // The state before the restore went to the chosen folder, and is listed from there.
  const listed = await asOwner<{ backups: { reason: string; folder?: string }[] }>(
    core,
    'backups.list',
    {},
  )
  expect(listed.backups.map((b) => b.reason)).toContain('pre-restore')
})
