import { readFileSync, writeFileSync } from 'node:fs'

/** Beside the clinic file: when the weekly full integrity_check last finished. */
export function fullCheckRecordOf(databaseFile: string): string {
  return `${databaseFile}.integrity-check.json`
}

/** When the last full check finished, or null (never, or the record is unreadable). */
export function readFullCheckAt(databaseFile: string): Date | null {
  try {
    const { at } = JSON.parse(readFileSync(fullCheckRecordOf(databaseFile), 'utf8')) as {
      at?: unknown
    }
    const when = typeof at === 'string' ? new Date(at) : null
    return when && !Number.isNaN(when.getTime()) ? when : null
  } catch {
    return null
  }
}

export function writeFullCheckAt(databaseFile: string, at: Date): void {
  writeFileSync(fullCheckRecordOf(databaseFile), JSON.stringify({ at: at.toISOString() }), {
    mode: 0o600,
  })
}
