import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { fileState, openDatabase, UNENCRYPTED } from '../../src/main/db/cipher'
import { countRows } from '../../src/main/db/database-file'
import { encryptingFileOf } from '../../src/main/db/encrypt-in-place'
import { silentLogger } from '../../src/main/log'
import { tempDir } from '../fixtures/temp-core'
import { testKey, withTestKey } from '../fixtures/test-key'

// Issue 12: a plain clinic file is encrypted in place on upgrade. A Plinth killed at any
// moment of that (the backup first, then the encryption) must leave a clinic file that is
// whole: still plain with every row, or encrypted with every row. Never half of each.

const DELAYS_MS = [0, 100, 300, 600, 1200, 2400]
const RUNS = Number(process.env['PLINTH_UPGRADE_KILLS'] ?? DELAYS_MS.length)

/**
 * Opens the file in a child Plinth and kills it `afterMs` after `<file>.encrypting` (the
 * encrypted copy being made) appears, or lets it finish when `afterMs` is null.
 */
function openAndKill(file: string, afterMs: number | null): Promise<'killed' | 'finished'> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join('tests', 'fixtures', 'open-clinic.ts'), file],
      { stdio: ['ignore', 'pipe', 'pipe'], env: withTestKey() },
    )
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    let timer: NodeJS.Timeout | null = null
    const watch =
      afterMs === null
        ? null
        : setInterval(() => {
            if (timer || !existsSync(encryptingFileOf(file))) return
            timer = setTimeout(() => child.kill('SIGKILL'), afterMs)
          }, 2)
    child.once('error', fail)
    child.once('exit', (code, signal) => {
      if (watch) clearInterval(watch)
      if (timer) clearTimeout(timer)
      if (signal === 'SIGKILL') done('killed')
      else if (code === 0) done('finished')
      else fail(new Error(`the child Plinth failed (${code}): ${stderr}`))
    })
  })
}

function rowsOf(file: string): Record<string, number> {
  const db = openDatabase(file, fileState(file) === 'plain' ? UNENCRYPTED : testKey, {
    readonly: true,
    fileMustExist: true,
  })
  try {
    return countRows(db)
  } finally {
    db.close()
  }
}

describe('encrypting a plain clinic file on upgrade', () => {
  it(`leaves a whole clinic file across ${RUNS} kills part-way through`, async () => {
    const tmp = tempDir()
    try {
      // An older Plinth's file, big enough (about 7 MB) that the upgrade takes a while.
      const original = join(tmp.dir, 'original.sqlite')
      const old = await openCore({ file: original, key: UNENCRYPTED, log: silentLogger })
      const insert = old.sqlite.prepare(
        `INSERT INTO audit_log (at, user_id, username, action, entity_type, entity_id, summary, workstation)
         VALUES (?, 1, 'reception-1', 'diary.book', 'appointment', ?, ?, 'RECEPTION-PC')`,
      )
      old.sqlite.transaction(() => {
        for (let i = 0; i < 40_000; i++) {
          insert.run(new Date(1_700_000_000_000 + i * 60_000).toISOString(), String(i), `Row ${i}`)
        }
      })()
      await old.close()
      const expected = rowsOf(original)

      const file = join(tmp.dir, 'clinic.sqlite')
      copyFileSync(original, file)
      let killed = 0
      const seen: string[] = []
      for (let run = 0; run < RUNS; run++) {
        // The copy a killed run left would start the watch below at once: this run's own copy
        // is what to time from. (The last, unkilled start must clear a left-over copy itself.)
        rmSync(encryptingFileOf(file), { force: true })
        // From the moment the encrypted copy starts to well past its rename into place.
        const outcome = await openAndKill(file, DELAYS_MS[run % DELAYS_MS.length]!)
        if (outcome === 'killed') killed++
        expect(['plain', 'encrypted']).toContain(fileState(file))
        expect(rowsOf(file), `run ${run}: ${fileState(file)}`).toEqual(expected)
        const left = existsSync(encryptingFileOf(file)) ? ', copy left' : ''
        seen.push(`${outcome} ${DELAYS_MS[run % DELAYS_MS.length]!} ms: ${fileState(file)}${left}`)
        if (outcome === 'finished' || fileState(file) === 'encrypted') break
      }
      expect(await openAndKill(file, null)).toBe('finished')
      expect(fileState(file)).toBe('encrypted')
      expect(rowsOf(file)).toEqual(expected)
      expect(existsSync(encryptingFileOf(file))).toBe(false)
      console.info(`upgrade kills: ${seen.join('; ')}`)
      expect(killed).toBeGreaterThan(0)
    } finally {
      tmp.remove()
    }
  }, 300_000)
})
