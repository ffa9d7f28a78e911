import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import type { ClinicFileProblem, RescueChoice } from '../../../shared/contract/rescue'
import { DatabaseKeyError, type Keying } from '../../db/cipher'
import { keyIdOf, readClinicKeys, type ClinicKeyring } from '../../db/clinic-keys'
import { candidateFileOf } from '../../db/restore-swap'
import { isDamagedFileError } from '../../db/sqlite-errors'
import { attachmentsDirOf } from '../backups/attachment-store'
import { defaultBackupFolder } from '../backups/backup-settings'
import { opensWithoutTyping, openingFor } from '../backups/backup-keying'
import { readBackupKey } from '../backups/key-file'
import { findBackups, type FoundBackup } from '../backups/manifest'
import { prepareCandidate } from '../backups/restore-candidate'
import { DomainError } from '../domain-error'

/**
 * The clinic file is missing (or 0 bytes) while backups of it exist, or it will not open.
 * Plinth stops before creating or changing anything and asks (issue 12): restore the
 * newest verified backup, or start a new clinic deliberately. Neither deletes a byte.
 */
export class ClinicFileProblemError extends Error {
  constructor(readonly problem: ClinicFileProblem) {
    super(
      problem.kind === 'missing'
        ? `The clinic database is missing (${problem.file}), but backups of it are in ${problem.backupFolder}. ` +
            'Restore the newest backup, or start a new clinic deliberately.'
        : `The clinic database will not open: ${problem.detail ?? 'it is damaged'}. File: ${problem.file}. ` +
            'Restore the newest backup (the damaged file is set aside, not deleted).',
    )
    this.name = 'ClinicFileProblemError'
  }
}

/** The clinic's key as the backups know it, when the keys file beside matches `key`. */
function keyringOf(file: string, key: Keying): ClinicKeyring | null {
  if (typeof key === 'symbol') return null
  const keys = readClinicKeys(file)
  if (!keys || keys.keyId !== keyIdOf(key)) return null
  return { key, keyId: keys.keyId, recovery: keys.recovery }
}

/**
 * Backups in the default folder beside the clinic file, newest first. (A folder the owner
 * chose is written in the database, which is what is missing; the backups taken before an
 * update or a restore always have a copy here.)
 */
function backupsBeside(file: string): FoundBackup[] {
  return findBackups(defaultBackupFolder(file))
}

function problemOf(
  file: string,
  key: Keying,
  kind: ClinicFileProblem['kind'],
  detail: string | null,
): ClinicFileProblem {
  const known = { clinic: keyringOf(file, key), passphrase: readBackupKey(file) }
  return {
    kind,
    file,
    detail,
    backupFolder: defaultBackupFolder(file),
    backups: backupsBeside(file)
      .slice(0, 20)
      .map((b) => ({ ...b.info, needsSecret: !opensWithoutTyping(b.manifest, known) })),
  }
}

/** Whether a clinic was kept here before: its file, or backups of it, are beside. */
export function clinicWasHere(file: string): boolean {
  return existsSync(file) || backupsBeside(file).length > 0
}

/**
 * Before opening: a missing or 0-byte clinic file is a new clinic only when no backup of
 * one is beside it. Otherwise it is a problem to ask about: SQLite would make an empty
 * clinic, and the next backup would rotate the real ones away.
 */
export function missingFileProblem(file: string, key: Keying): ClinicFileProblem | null {
  if (existsSync(file) && statSync(file).size > 0) return null
  if (!backupsBeside(file).some((b) => b.info.verified)) return null
  return problemOf(file, key, 'missing', null)
}

/** The problem an error opening the clinic file shows, or null when it is not damage. */
export function damagedFileProblem(
  file: string,
  key: Keying,
  error: unknown,
): ClinicFileProblem | null {
  const damaged =
    (error instanceof DatabaseKeyError && error.reason === 'wrong-key') || isDamagedFileError(error)
  if (!damaged) return null
  return problemOf(file, key, 'damaged', (error as Error).message)
}

/**
 * Moves the clinic file (and its WAL and shared memory) aside as
 * `<file>.damaged-<time>`: never overwritten, never deleted. Nothing to move: null.
 */
export function setAside(file: string, now: Date): string | null {
  if (!existsSync(file)) return null
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  let aside = `${file}.damaged-${stamp}`
  for (let n = 2; existsSync(aside); n += 1) aside = `${file}.damaged-${stamp}-${n}`
  renameSync(file, aside)
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${aside}${suffix}`)
  }
  return aside
}

/**
 * Carries out the owner's choice before the clinic file is opened, with the file locked:
 * - restore: checks the backup (its hash, its key, quick_check, no newer migrations) into a
 *   candidate beside the file, puts its attachments back, then sets the current file aside
 *   and renames the candidate into place;
 * - startNew: sets the current file aside, so opening makes a new, empty clinic.
 *
 * @returns where the old file was set aside (null when there was none) and the attachments
 *   the backup could not put back
 * @throws DomainError (backup gone, changed, damaged, newer) or one naming the `passphrase`
 *   field when the backup needs its passphrase or recovery key
 */
export async function carryOutRescue(
  file: string,
  key: Keying,
  choice: RescueChoice,
  now: Date,
): Promise<{ setAsideAs: string | null; unusable: string[] }> {
  if (choice.kind === 'startNew') return { setAsideAs: setAside(file, now), unusable: [] }
  const found = backupsBeside(file).find((b) => b.manifest.name === choice.backup)
  if (!found)
    throw new DomainError('not_found', 'That backup is not in the backup folder any more.')
  const opening = await openingFor(found.file, found.manifest, choice.secret || undefined, {
    clinic: keyringOf(file, key),
    passphrase: readBackupKey(file),
  })
  const candidate = candidateFileOf(file)
  rmSync(candidate, { force: true })
  try {
    const { unusable } = await prepareCandidate({
      backup: found,
      opening,
      candidate,
      liveKey: key,
      attachmentsDir: attachmentsDirOf(file),
      progress: () => {},
    })
    const setAsideAs = setAside(file, now)
    renameSync(candidate, file)
    return { setAsideAs, unusable }
  } finally {
    rmSync(candidate, { force: true })
  }
}
