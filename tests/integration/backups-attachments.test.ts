import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { BackupInfo, BackupJob } from '../../src/shared/contract/backups'
import { takeBackup } from '../../src/main/services/backups/take-backup'
import { readBackupKey } from '../../src/main/services/backups/key-file'
import { storePathOf } from '../../src/main/services/backups/attachment-store'
import { attachmentKeyOf } from '../../src/main/services/backups/backup-keying'
import { decryptFile } from '../../src/main/services/backups/encryption'
import type { DatabaseKey } from '../../src/main/db/cipher'
import { readClinicKeys } from '../../src/main/db/clinic-keys'
import { aSession, openTempCore } from '../fixtures/temp-core'
import { aCompletedAppointment, aNote, aTherapistAccount, callOk } from '../fixtures/notes'

type TempCore = Awaited<ReturnType<typeof openTempCore>>
const cores: TempCore[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()!.dispose()
})
const owner = aSession('owner')
const PASSPHRASE = 'correct horse battery staple'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const PDF = Buffer.from('%PDF-1.4\n% a GP letter about the left knee\n%%EOF\n')

const settings = {
  folder: '',
  keepRecent: 48,
  keepDaily: 14,
  keepWeekly: 8,
  keepMonthly: 12,
  encrypt: false,
}

async function call<T>(core: TempCore, method: string, input: unknown): Promise<T> {
  const result = await core.router.call(method, input, owner)
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`)
  return result.value as T
}

async function finished(core: TempCore, job: BackupJob): Promise<BackupJob> {
  for (;;) {
    const current = await call<BackupJob>(core, 'backups.job', { id: job.id })
    if (current.state !== 'running') return current
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** A clinic with one draft note carrying the given files; returns the note and its hashes. */
async function aClinicWithAttachments(files: [string, Buffer][]) {
  const core = await openTempCore()
  cores.push(core)
  const { session: sam, therapistId } = await aTherapistAccount(core, 'Sam')
  const { clientId } = await aCompletedAppointment(core, therapistId)
  const note = await aNote(core, sam, clientId).in()
  let hashes: string[] = []
  for (const [filename, data] of files) {
    const after = await callOk(
      core,
      'notes.addAttachment',
      { noteId: note.id, filename, base64: data.toString('base64') },
      sam,
    )
    hashes = after.attachments.map((a) => a.sha256)
  }
  return { core, sam, noteId: note.id, hashes }
}

const liveBlob = (core: TempCore, sha: string) =>
  join(core.dir, 'attachments', sha.slice(0, 2), sha)

/** Where a backup folder keeps an attachment, encrypted under the clinic key's subkey. */
const storedCopy = (core: TempCore, folder: string, sha: string) =>
  join(folder, storePathOf(sha, attachmentKeyOf(core.key as DatabaseKey)))

/** A stored copy decrypted, to compare with the file it copies. */
async function plainOf(core: TempCore, stored: string): Promise<Buffer> {
  const out = join(core.dir, 'decrypted-copy')
  rmSync(out, { force: true })
  await decryptFile(stored, out, attachmentKeyOf(core.key as DatabaseKey))
  return readFileSync(out)
}

function storeFiles(folder: string): string[] {
  const root = join(folder, 'attachments')
  if (!existsSync(root)) return []
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(folder, join(e.parentPath, e.name)))
    .sort()
}

async function backUp(core: TempCore): Promise<BackupInfo> {
  const job = await finished(core, await call<BackupJob>(core, 'backups.create', {}))
  expect(job.state, job.message ?? '').toBe('done')
  const list = await call<{ backups: BackupInfo[] }>(core, 'backups.list', {})
  return list.backups.find((b) => b.name === job.backupName)!
}

async function restore(core: TempCore, name: string, passphrase?: string): Promise<BackupJob> {
  return finished(
    core,
    await call<BackupJob>(core, 'backups.restore', {
      name,
      ...(passphrase ? { passphrase } : {}),
    }),
  )
}

describe('note attachments in backups', () => {
  it('copies each referenced file once, records it in the manifest and puts lost files back on restore', async () => {
    const { core, hashes } = await aClinicWithAttachments([
      ['knee.png', PNG],
      ['gp-letter.pdf', PDF],
    ])
    const folder = join(core.dir, 'backups')
    const first = await backUp(core)
    const storedBytes = hashes
      .map((h) => statSync(storedCopy(core, folder, h)).size)
      .reduce((a, b) => a + b, 0)
    // Each copy is its file plus the encryption's header and tag.
    expect(storedBytes).toBeGreaterThan(PNG.length + PDF.length + 2 * 16)
    expect(first.attachments).toEqual({ count: 2, bytes: storedBytes })
    const manifest = JSON.parse(readFileSync(join(folder, `${first.name}.json`), 'utf8'))
    expect(manifest.attachments).toMatchObject({ count: 2, missing: 0 })
    // Encrypted with the clinic key's scheme, by default (issue 12).
    expect(storeFiles(folder)).toEqual(
      hashes.map((h) => relative(folder, storedCopy(core, folder, h))).sort(),
    )
    for (const sha of hashes) {
      const stored = storedCopy(core, folder, sha)
      expect(readFileSync(stored).includes(readFileSync(liveBlob(core, sha)).subarray(8))).toBe(
        false,
      )
      expect(await plainOf(core, stored)).toEqual(readFileSync(liveBlob(core, sha)))
    }

    // The next backup refers to the same files and copies nothing again.
    const stored = storedCopy(core, folder, hashes[0]!)
    const writtenAt = statSync(stored).mtimeMs
    const second = await backUp(core)
    expect(second.attachments).toEqual(first.attachments)
    expect(statSync(stored).mtimeMs).toBe(writtenAt)
    expect(storeFiles(folder)).toHaveLength(2)

    // A copy cut short (a full USB stick) is written again by the next backup.
    writeFileSync(stored, PNG.subarray(0, 10))
    await backUp(core)
    expect(await plainOf(core, stored)).toEqual(PNG)

    // The laptop's attachments folder is lost; restoring brings the files back, identical.
    rmSync(join(core.dir, 'attachments'), { recursive: true, force: true })
    const job = await restore(core, first.name)
    expect(job.state, job.message ?? '').toBe('done')
    expect(readFileSync(liveBlob(core, hashes[0]!))).toEqual(PNG)
    expect(readFileSync(liveBlob(core, hashes[1]!))).toEqual(PDF)
  })

  it('backs up an exercise’s picture with the notes’ files, and a restore keeps it', async () => {
    const { core, hashes } = await aClinicWithAttachments([['gp-letter.pdf', PDF]])
    await call(core, 'exercises.save', {
      name: 'Calf raise',
      instructions: 'Rise onto the toes, 3 × 15.',
      picture: { filename: 'calf.png', base64: PNG.toString('base64') },
    })
    const picture = (
      await core.db.selectFrom('exercises').select('picture_sha256').executeTakeFirstOrThrow()
    ).picture_sha256!
    const folder = join(core.dir, 'backups')
    const backup = await backUp(core)
    expect(backup.attachments?.count).toBe(2)
    expect(await plainOf(core, storedCopy(core, folder, picture))).toEqual(PNG)
    // Restoring keeps the picture in the live folder (it was taken for an orphan before),
    // and puts it back when it was lost.
    const kept = await restore(core, backup.name)
    expect(kept.state, kept.message ?? '').toBe('done')
    expect(readFileSync(liveBlob(core, picture))).toEqual(PNG)
    rmSync(join(core.dir, 'attachments'), { recursive: true, force: true })
    const job = await restore(core, backup.name)
    expect(job.state, job.message ?? '').toBe('done')
    expect(readFileSync(liveBlob(core, picture))).toEqual(PNG)
    expect(readFileSync(liveBlob(core, hashes[0]!))).toEqual(PDF)
  })

  it('refuses a damaged copy on restore and says how many files could not be put back', async () => {
    const { core, hashes } = await aClinicWithAttachments([['knee.png', PNG]])
    const folder = join(core.dir, 'backups')
    const backup = await backUp(core)
    const sha = hashes[0]!
    writeFileSync(storedCopy(core, folder, sha), 'tampered')
    rmSync(join(core.dir, 'attachments'), { recursive: true, force: true })
    const job = await restore(core, backup.name)
    expect(job.state).toBe('done')
    expect(job.message).toMatch(/1 note attachment could not be put back/)
    expect(existsSync(liveBlob(core, sha))).toBe(false)
  })

  it('still backs up the records when a photo in the live folder is missing or damaged', async () => {
    const { core, hashes } = await aClinicWithAttachments([
      ['knee.png', PNG],
      ['gp-letter.pdf', PDF],
    ])
    writeFileSync(liveBlob(core, hashes[0]!), 'changed on disk')
    rmSync(liveBlob(core, hashes[1]!))
    const backup = await backUp(core)
    expect(backup.attachments).toEqual({ count: 0, bytes: 0 })
    const manifest = JSON.parse(
      readFileSync(join(core.dir, 'backups', `${backup.name}.json`), 'utf8'),
    )
    expect(manifest.attachments.missing).toBe(2)
    expect(storeFiles(join(core.dir, 'backups'))).toEqual([])
  })

  it('encrypts each file with the backup key, unreadable without it, and restores with the passphrase', async () => {
    const { core, hashes } = await aClinicWithAttachments([['knee.png', PNG]])
    await call(core, 'backups.updateSettings', {
      ...settings,
      encrypt: true,
      passphrase: PASSPHRASE,
    })
    const folder = join(core.dir, 'backups')
    const backup = await backUp(core)
    expect(backup.encrypted).toBe(true)
    const files = storeFiles(folder)
    expect(files).toHaveLength(1)
    // Named by a keyed HMAC: the folder does not give away which files it holds.
    expect(files[0]).toMatch(/^attachments\/([0-9a-f]{2})\/\1[0-9a-f]{62}\.enc$/)
    expect(files[0]).not.toContain(hashes[0])
    expect(readFileSync(join(folder, `${backup.name}.json`), 'utf8')).not.toContain(hashes[0])
    const ciphertext = readFileSync(join(folder, files[0]!))
    expect(ciphertext.subarray(0, 8).toString()).toBe('PLINTHB1')
    expect(ciphertext.includes(PNG.subarray(8))).toBe(false)

    // Another computer: no stored passphrase, attachments folder gone; the passphrase
    // opens both (the clinic key does not: the owner chose the passphrase instead).
    await call(core, 'backups.updateSettings', { ...settings, encrypt: false })
    rmSync(join(core.dir, 'backup-key.json'), { force: true })
    rmSync(join(core.dir, 'attachments'), { recursive: true, force: true })
    const wrong = await restore(core, backup.name, 'not the passphrase')
    expect(wrong.state).toBe('failed')
    expect(existsSync(liveBlob(core, hashes[0]!))).toBe(false)
    const job = await restore(core, backup.name, PASSPHRASE)
    expect(job.state, job.message ?? '').toBe('done')
    expect(readFileSync(liveBlob(core, hashes[0]!))).toEqual(PNG)
  })

  it('rotation keeps files a kept backup refers to and removes those no backup needs', async () => {
    const { core, sam, noteId, hashes } = await aClinicWithAttachments([['knee.png', PNG]])
    await call(core, 'backups.updateSettings', {
      ...settings,
      keepRecent: 1,
      keepDaily: 2,
      keepWeekly: 1,
      keepMonthly: 1,
    })
    const folder = join(core.dir, 'backups')
    const take = (day: string) =>
      takeBackup({
        databaseFile: core.file,
        reason: 'daily',
        at: new Date(`${day}T09:00:00Z`),
        workDir: join(core.dir, '.work'),
        sourceKey: core.key,
        clinic: { key: core.key as DatabaseKey, ...readClinicKeys(core.file)! },
        passphrase: readBackupKey(core.file),
      })
    const day1 = await take('2026-06-01')
    expect(day1.manifest.attachments?.count).toBe(1)

    // The draft and its photo are discarded; later backups refer to no attachment.
    await callOk(core, 'notes.discardDraft', { id: noteId }, sam)
    const day2 = await take('2026-06-02')
    expect(day2.manifest.attachments?.count).toBe(0)
    expect(day2.deleted).toEqual([])
    // Day 1's backup is still kept (daily), so its photo stays in the store.
    const photo = relative(folder, storedCopy(core, folder, hashes[0]!))
    expect(storeFiles(folder)).toEqual([photo])

    // Day 3: day 1's backup rotates out, and with it the only reference to the photo.
    const day3 = await take('2026-06-03')
    expect(day3.deleted).toEqual([day1.manifest.name])
    expect(storeFiles(folder)).toEqual([])
    expect(readdirSync(folder).filter((f) => f.endsWith('.json'))).toHaveLength(2)
  })

  it('a restore removes the files of notes the restored file lacks; the backup taken before keeps them', async () => {
    const { core, sam, noteId, hashes } = await aClinicWithAttachments([['knee.png', PNG]])
    const png = hashes[0]!
    const folder = join(core.dir, 'backups')
    const first = await backUp(core)

    // After the backup: a GP letter, and the same knee photo attached again (same file).
    const after = await callOk(
      core,
      'notes.addAttachment',
      { noteId, filename: 'gp-letter.pdf', base64: PDF.toString('base64') },
      sam,
    )
    const pdf = after.attachments.map((a) => a.sha256).find((h) => h !== png)!
    await callOk(
      core,
      'notes.addAttachment',
      { noteId, filename: 'knee-again.png', base64: PNG.toString('base64') },
      sam,
    )
    // Whatever else someone put in the folder is not the notes service's to remove.
    const stray = join(core.dir, 'attachments', 'read-me.txt')
    writeFileSync(stray, 'not an attachment')
    expect(existsSync(liveBlob(core, pdf))).toBe(true)

    const job = await restore(core, first.name)
    expect(job.state, job.message ?? '').toBe('done')
    expect(readFileSync(liveBlob(core, png))).toEqual(PNG)
    expect(existsSync(liveBlob(core, pdf))).toBe(false)
    expect(existsSync(join(core.dir, 'attachments', pdf.slice(0, 2)))).toBe(
      pdf.slice(0, 2) === png.slice(0, 2),
    )
    expect(readFileSync(stray, 'utf8')).toBe('not an attachment')

    // The letter is not lost: the backup taken before the restore holds it, and restoring
    // that backup puts the file back.
    const list = await call<{ backups: BackupInfo[] }>(core, 'backups.list', {})
    const before = list.backups.find((b) => b.reason === 'pre-restore')!
    expect(await plainOf(core, storedCopy(core, folder, pdf))).toEqual(PDF)
    const back = await restore(core, before.name)
    expect(back.state, back.message ?? '').toBe('done')
    expect(readFileSync(liveBlob(core, pdf))).toEqual(PDF)
    expect(readFileSync(liveBlob(core, png))).toEqual(PNG)
  })
})
