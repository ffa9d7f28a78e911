import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { BackupJob } from '../../src/shared/contract/backups'
import { carryAuditInto } from '../../src/main/db/audit-carry-over'
import { openDatabase, type Keying } from '../../src/main/db/cipher'
import { testKey } from '../fixtures/test-key'
import { aSession, openTempCore, tempDir } from '../fixtures/temp-core'

type TempCore = Awaited<ReturnType<typeof openTempCore>>
const cores: TempCore[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()!.dispose()
})
const owner = aSession('owner')
const reception = { ...aSession('reception'), userId: 2, username: 'jo' }

async function call<T>(core: TempCore, method: string, input: unknown, as = owner): Promise<T> {
  const result = await core.router.call(method, input, as)
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`)
  return result.value as T
}

async function settle(core: TempCore, job: BackupJob): Promise<BackupJob> {
  for (;;) {
    const current = await call<BackupJob>(core, 'backups.job', { id: job.id })
    if (current.state !== 'running') return current
    await new Promise((r) => setTimeout(r, 10))
  }
}

async function backUp(core: TempCore): Promise<string> {
  await settle(core, await call<BackupJob>(core, 'backups.create', {}))
  const list = await call<{ backups: { name: string; reason: string }[] }>(core, 'backups.list', {})
  return list.backups.find((b) => b.reason === 'manual')!.name
}

async function restore(core: TempCore, name: string): Promise<BackupJob> {
  const job = await settle(core, await call<BackupJob>(core, 'backups.restore', { name }))
  expect(job.state).toBe('done')
  return job
}

const aClient = (core: TempCore, firstName: string, as = owner) =>
  call<{ id: number }>(
    core,
    'clients.create',
    { firstName, lastName: 'Jones', mobile: '07911 123456' },
    as,
  )

function auditOf(file: string, key: Keying) {
  const db = openDatabase(file, key, { readonly: true })
  try {
    return db
      .prepare(
        'SELECT id, at, user_id, username, action, entity_id, summary FROM audit_log ORDER BY id',
      )
      .all() as { id: number; action: string; username: string | null; summary: string }[]
  } finally {
    db.close()
  }
}

describe('the audit log across a restore', () => {
  it('keeps the entries written since the backup, then records the restore', async () => {
    const core = await openTempCore()
    cores.push(core)
    await aClient(core, 'Sarah')
    const name = await backUp(core)
    const atBackup = auditOf(core.file, core.key)

    // After the backup: a client added by reception and one by the owner, both audited.
    await aClient(core, 'Sally', reception)
    await aClient(core, 'Sam')
    const beforeRestore = auditOf(core.file, core.key)
    const since = beforeRestore.slice(atBackup.length)
    expect(since.map((e) => [e.action, e.username])).toEqual([
      ['clients.create', 'jo'],
      ['clients.create', owner.username],
    ])

    const job = await restore(core, name)
    expect(job.message).toMatch(/Before a restore/)
    const after = auditOf(core.file, core.key)
    // Every entry, with its id and time, then the restore's own record.
    expect(after.slice(0, beforeRestore.length)).toEqual(beforeRestore)
    expect(after.slice(beforeRestore.length).map((e) => e.action)).toEqual([
      'backups.restoreStarted',
      'backups.restore',
    ])
    expect(after.at(-1)).toMatchObject({ action: 'backups.restore', entity_id: name })
    // Carried: the two clients' entries and the restore's start, all written after the file.
    expect(after.at(-1)!.summary).toMatch(/; 3 later audit entries carried over$/)
    // The data is the backup's: the later clients are gone, their audit entries are not.
    const clients = await call<{ total: number }>(core, 'clients.search', { query: 'Jones' })
    expect(JSON.stringify(clients)).toContain('Sarah')
    expect(JSON.stringify(clients)).not.toContain('Sally')
  })

  it('keeps the whole history through a second restore of an older backup', async () => {
    const core = await openTempCore()
    cores.push(core)
    const first = await backUp(core)
    await aClient(core, 'Ann')
    const second = await backUp(core)
    await aClient(core, 'Bea')
    await restore(core, second)
    await aClient(core, 'Cat')
    const beforeOlder = auditOf(core.file, core.key)
    await restore(core, first)
    const after = auditOf(core.file, core.key)
    expect(after.slice(0, beforeOlder.length)).toEqual(beforeOlder)
    expect(after.map((e) => e.action).filter((a) => a === 'backups.restore')).toHaveLength(2)
    expect(after.filter((e) => e.action === 'clients.create')).toHaveLength(3)
  })

  it('restoring straight after the backup carries nothing and still records the restore', async () => {
    const core = await openTempCore()
    cores.push(core)
    const name = await backUp(core)
    const atBackup = auditOf(core.file, core.key)
    await restore(core, name)
    const after = auditOf(core.file, core.key)
    // The backup's own audit entry was written after the file was taken: it is carried over.
    expect(after.slice(0, atBackup.length)).toEqual(atBackup)
    expect(after.at(-1)!.action).toBe('backups.restore')
  })
})

describe('carrying audit entries into a file whose log diverged', () => {
  it('appends the live entries the candidate lacks, keeping their times', () => {
    const dir = tempDir('plinth-audit-carry-')
    try {
      const make = (file: string, rows: [number, string, string][]) => {
        const db = openDatabase(file, testKey)
        db.exec(`CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
          user_id INTEGER, username TEXT, action TEXT NOT NULL, entity_type TEXT, entity_id TEXT,
          summary TEXT NOT NULL DEFAULT '', workstation TEXT NOT NULL DEFAULT '')`)
        for (const [id, at, action] of rows) {
          db.prepare('INSERT INTO audit_log (id, at, user_id, action) VALUES (?, ?, 1, ?)').run(
            id,
            at,
            action,
          )
        }
        return db
      }
      // The live log lost entry 2 in an old restore and wrote a different 2 and a 3 since.
      const live = make(join(dir.dir, 'live.sqlite'), [
        [1, '2026-11-01T09:00:00.000Z', 'auth.signIn'],
        [2, '2026-11-03T09:00:00.000Z', 'clients.create'],
        [3, '2026-11-04T09:00:00.000Z', 'clients.update'],
      ])
      const candidateFile = join(dir.dir, 'candidate.sqlite')
      make(candidateFile, [
        [1, '2026-11-01T09:00:00.000Z', 'auth.signIn'],
        [2, '2026-11-02T09:00:00.000Z', 'settings.update'],
      ]).close()
      expect(carryAuditInto(live, candidateFile, testKey)).toEqual({ carried: 2, unreadable: [] })
      live.close()
      const rows = auditOf(candidateFile, testKey)
      expect(rows.map((r) => [r.id, r.action])).toEqual([
        [1, 'auth.signIn'],
        [2, 'settings.update'],
        [3, 'clients.update'],
        [4, 'clients.create'],
      ])
      expect(rows.find((r) => r.action === 'clients.create')).toMatchObject({
        at: '2026-11-03T09:00:00.000Z',
      })
    } finally {
      dir.remove()
    }
  })
})
