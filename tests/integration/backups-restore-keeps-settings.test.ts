import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { BackupJob, BackupSettings } from '../../src/shared/contract/backups'
import { aSession, openTempCore } from '../fixtures/temp-core'

// A user trial restored on a new PC from the USB folder it had just chosen: the restored
// file's old backup settings replaced the new ones, so the USB backups (the "Before a restore"
// one among them) vanished from the list and later backups went to the local disk.

type TempCore = Awaited<ReturnType<typeof openTempCore>>
const cores: TempCore[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()!.dispose()
})
const owner = aSession('owner')

async function call<T>(core: TempCore, method: string, input: unknown): Promise<T> {
  const result = await core.router.call(method, input, owner)
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`)
  return result.value as T
}

async function finished(core: TempCore, job: BackupJob): Promise<BackupJob> {
  for (let i = 0; i < 3000; i++) {
    const current = await call<BackupJob>(core, 'backups.job', { id: job.id })
    if (current.state !== 'running') return current
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error('the job did not finish in 30 s')
}

it('keeps this computer’s backup folder, counts and encryption choice across a restore', async () => {
  const core = await openTempCore()
  cores.push(core)
  const old = await finished(core, await call<BackupJob>(core, 'backups.create', {}))
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
  await call(core, 'backups.updateSettings', chosen)

  const { backups } = await call<{ backups: { name: string; reason: string }[] }>(
    core,
    'backups.list',
    {},
  )
  const restore = await call<BackupJob>(core, 'backups.restore', {
    name: backups.find((b) => b.reason === 'manual')!.name,
  })
  expect((await finished(core, restore)).state).toBe('done')

  const after = await call<BackupSettings & { value?: BackupSettings }>(
    core,
    'backups.settings',
    {},
  )
  const settings = (after.value ?? after) as BackupSettings
  expect(settings).toMatchObject(chosen)
  // The state before the restore went to the chosen folder, and is listed from there.
  const listed = await call<{ backups: { reason: string; folder?: string }[] }>(
    core,
    'backups.list',
    {},
  )
  expect(listed.backups.map((b) => b.reason)).toContain('pre-restore')
})
