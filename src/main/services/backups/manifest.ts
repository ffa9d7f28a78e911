import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  BACKUP_REASONS,
  type BackupInfo,
  type BackupReason,
} from '../../../shared/contract/backups'
import type { AttachmentsManifest } from './attachment-store'
import type { BackupKeying } from './backup-keying'

/** Written beside each backup as <backup name>.json once the backup has passed its checks. */
export interface BackupManifest {
  format: 'plinth-backup'
  version: 1
  name: string
  createdAt: string
  reason: BackupReason
  /** Size and SHA-256 of the backup file as written (encrypted or not). */
  bytes: number
  sha256: string
  /** SHA-256 of the SQLite file itself: the file as written, or for a backup made before
   * encryption at rest and sealed with a passphrase, the plaintext inside. */
  databaseSha256: string
  encrypted: boolean
  /** How to open it (backup-keying.ts); absent from backups made before encryption at rest. */
  keying?: BackupKeying
  quickCheck: 'ok'
  /** Rows per table, equal in the live database and in the backup when it was taken. */
  counts: Record<string, number>
  /** The newest migration in the backup: which Plinth schema it holds. */
  schema: string
  durationMs: number
  /** The note attachments this backup's database refers to, in the folder's store.
   * Absent from backups made before attachments were backed up. */
  attachments?: AttachmentsManifest
}

export function manifestPathOf(backupFile: string): string {
  return `${backupFile}.json`
}

/**
 * plinth-2026-11-25T09-30-00-000Z-daily.sqlite: sorts by time, says why it exists. (Backups
 * made before encryption at rest and sealed with a passphrase end in `.sqlite.enc`.)
 */
export function backupFileName(at: Date, reason: BackupReason): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-')
  return `plinth-${stamp}-${reason}.sqlite`
}

export function writeManifest(backupFile: string, manifest: BackupManifest): void {
  const path = manifestPathOf(backupFile)
  writeFileSync(`${path}.part`, `${JSON.stringify(manifest, null, 2)}\n`)
  renameSync(`${path}.part`, path)
}

function parseManifest(text: string): BackupManifest | null {
  try {
    const value = JSON.parse(text) as Partial<BackupManifest>
    if (value.format !== 'plinth-backup' || typeof value.name !== 'string') return null
    if (!BACKUP_REASONS.includes(value.reason as BackupReason)) return null
    return value as BackupManifest
  } catch {
    return null
  }
}

export interface FoundBackup {
  file: string
  manifest: BackupManifest
  info: BackupInfo
}

/** The Plinth backups in a folder, newest first, by their manifests. */
export function findBackups(folder: string): FoundBackup[] {
  let entries: string[]
  try {
    entries = readdirSync(folder)
  } catch {
    return [] // not there (a USB stick taken out) or not a folder: no backups to offer
  }
  const found: FoundBackup[] = []
  for (const entry of entries) {
    if (!entry.startsWith('plinth-') || !entry.endsWith('.json')) continue
    const manifest = parseManifest(readFileSync(join(folder, entry), 'utf8'))
    if (!manifest || `${manifest.name}.json` !== entry) continue
    const file = join(folder, manifest.name)
    let bytes: number
    try {
      bytes = statSync(file).size
    } catch {
      continue // the backup itself is gone: nothing to offer
    }
    found.push({
      file,
      manifest,
      info: {
        name: manifest.name,
        createdAt: manifest.createdAt,
        reason: manifest.reason,
        bytes,
        encrypted: manifest.encrypted,
        counts: manifest.counts,
        attachments: manifest.attachments
          ? { count: manifest.attachments.count, bytes: manifest.attachments.bytes }
          : null,
        verified: manifest.quickCheck === 'ok' && bytes === manifest.bytes,
        // Refined by the backup service, which knows this clinic's keys.
        needsSecret: manifest.encrypted,
      },
    })
  }
  return found.sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt))
}
