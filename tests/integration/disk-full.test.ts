import { randomBytes } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore, type PlinthCore } from '../../src/main/app-core'
import { silentLogger } from '../../src/main/log'
import type { Session } from '../../src/main/rpc/context'
import type { RpcResult } from '../../src/shared/rpc'
import { aCompletedAppointment, aNote, aTherapistAccount } from '../fixtures/notes'
import { aStaffMember } from '../fixtures/staff'
import { testKey } from '../fixtures/test-key'
import { validInputOf } from '../fixtures/valid-inputs'
import {
  tinyFilesystem,
  tinyFilesystemWhyNot,
  type TinyFilesystem,
} from '../fixtures/tiny-filesystem'

// Issue 12: on a full disk the user saw "Something went wrong", the log said "cannot
// rollback - no transaction is active", and addAttachment left a 0-byte .partial file.
// Here the disk is really full: a 24 MB tmpfs, filled to the last byte.

const whyNot = tinyFilesystemWhyNot()
let fs: TinyFilesystem
let core: PlinthCore
let owner: Session
let sam: Session
let noteId: number

/** Every file under the clinic's folder whose name says it is half-written. */
function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    /\.partial$|\.part$|\.restoring$|(^|\/)\.backup-work\/./.test(f),
  )
}

/** A PNG nobody has attached before (random bytes after the signature), of this size. */
const aPhoto = (bytes: number) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(bytes)])

function expectDiskFull(result: RpcResult) {
  expect(result).toMatchObject({
    ok: false,
    error: { code: 'disk_full', message: expect.stringMatching(/disk is full.*Free some space/s) },
  })
}

describe.skipIf(whyNot !== null)(`a full disk (${whyNot ?? 'a real tmpfs'})`, () => {
  beforeAll(async () => {
    fs = tinyFilesystem(24)
    core = await openCore({
      file: join(fs.dir, 'plinth.sqlite'),
      key: testKey,
      log: silentLogger,
      now: () => new Date('2026-11-24T11:00:00Z'),
    })
    owner = await aStaffMember(core.db, 'owner')
    const therapist = await aTherapistAccount(core, 'Sam')
    sam = therapist.session
    const { clientId } = await aCompletedAppointment(core, therapist.therapistId)
    noteId = (await aNote(core, sam, clientId).withSection('subjective', 'Calf tight.').in()).id
    await core.backups.backup('manual')
    fs.fill()
  }, 60_000)
  afterAll(async () => {
    fs?.free()
    await core?.close()
    fs?.unmount()
  })

  it('refuses a save with disk_full and says what to do, never "Something went wrong"', async () => {
    // SQLite reuses room already in its WAL, so keep saving until the disk says no.
    let refused: RpcResult | null = null
    const saved: number[] = []
    for (let i = 0; i < 500 && !refused; i++) {
      const input = validInputOf('clients.create') as Record<string, unknown>
      const result = await core.router.call(
        'clients.create',
        { ...input, lastName: `Fuller${i}`, notes: 'x'.repeat(2000) },
        owner,
      )
      if (result.ok) saved.push((result.value as { id: number }).id)
      else refused = result
    }
    expect(refused).not.toBeNull()
    expectDiskFull(refused!)
    expect(leftovers(fs.dir)).toEqual([])
  })

  it('refuses an attachment with disk_full and leaves no .partial file', async () => {
    const result = await core.router.call(
      'notes.addAttachment',
      { noteId, filename: 'calf.png', base64: aPhoto(2_000_000).toString('base64') },
      sam,
    )
    expectDiskFull(result)
    expect(leftovers(fs.dir)).toEqual([])
  })

  it('fails a backup with the disk-full words and leaves nothing half-written', async () => {
    const job = core.backups.startBackup()
    await core.backups.idle()
    expect(core.backups.job(job.id)).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/disk it goes to is full/),
    })
    expect(leftovers(fs.dir)).toEqual([])
  })

  it('works again once space is freed, with every acknowledged save kept', async () => {
    const before = await core.db.selectFrom('clients').select('id').execute()
    fs.free()
    const result = await core.router.call('clients.create', validInputOf('clients.create'), owner)
    expect(result.ok).toBe(true)
    expect(await core.db.selectFrom('clients').select('id').execute()).toHaveLength(
      before.length + 1,
    )
    expect(core.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    const attached = await core.router.call(
      'notes.addAttachment',
      { noteId, filename: 'calf.png', base64: aPhoto(100_000).toString('base64') },
      sam,
    )
    expect(attached.ok).toBe(true)
  })
})
