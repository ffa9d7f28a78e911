import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { openDatabase } from '../../src/main/db/cipher'
import { describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { silentLogger } from '../../src/main/log'
import { checkDatabaseFile } from '../../src/main/db/database-file'
import { findBackups } from '../../src/main/services/backups/manifest'
import { RUN_STRIDE, WORKLOADS } from '../fixtures/crash-workloads'
import { tempDir } from '../fixtures/temp-core'
import { testKey, withTestKey } from '../fixtures/test-key'

// PLINTH_CRASH_RUNS=200 for the long run; the default keeps `npm test` quick.
const RUNS = Number(process.env['PLINTH_CRASH_RUNS'] ?? 25)

interface RunResult {
  acknowledged: number[]
  stderr: string
}

/** Starts the writer, kills it with SIGKILL at a random moment, returns what it acknowledged. */
function runAndKill(
  file: string,
  workload: string,
  first: number,
  random: () => number,
): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join('tests', 'fixtures', 'crash-writer.ts'),
        file,
        workload,
        String(first),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: withTestKey() },
    )
    let out = ''
    let stderr = ''
    let timer: NodeJS.Timeout | null = null
    const kill = () => child.kill('SIGKILL')
    // One run in five is killed at any moment, start-up included; the rest once writing.
    const early = random() < 0.2
    if (early) timer = setTimeout(kill, random() * 600)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      if (!early && !timer && out.includes('ack ')) timer = setTimeout(kill, random() * 250)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const guard = setTimeout(kill, 20_000)
    child.on('error', fail)
    child.on('close', (_code, signal) => {
      if (timer) clearTimeout(timer)
      clearTimeout(guard)
      if (signal !== 'SIGKILL') return fail(new Error(`writer exited on its own:\n${stderr}`))
      const acknowledged = out
        .split('\n')
        .filter((l) => l.startsWith('ack '))
        .map((l) => Number(l.slice(4)))
      done({ acknowledged, stderr })
    })
  })
}

/** A small deterministic generator, so a failing run can be replayed from its seed. */
function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('crash consistency', () => {
  for (const workloadName of Object.keys(WORKLOADS)) {
    it(
      `keeps every acknowledged ${workloadName} write and none by halves across ${RUNS} SIGKILLs`,
      async () => {
        const seed = Number(process.env['PLINTH_CRASH_SEED'] ?? Date.now() % 100_000)
        const random = seeded(seed)
        const tmp = tempDir()
        const file = join(tmp.dir, 'clinic.sqlite')
        const checker = WORKLOADS[workloadName]!.checker()
        let totalAcks = 0
        try {
          await (await openCore({ file, key: testKey, log: silentLogger })).close()
          for (let run = 0; run < RUNS; run++) {
            const { acknowledged } = await runAndKill(file, workloadName, run * RUN_STRIDE, random)
            totalAcks += acknowledged.length
            const db = openDatabase(file, testKey) // read-write: opening recovers the WAL, as the app would
            try {
              const problems = [
                ...(db.pragma('integrity_check', { simple: true }) === 'ok'
                  ? []
                  : [`integrity_check: ${String(db.pragma('integrity_check', { simple: true }))}`]),
                ...checker.check(db, run, acknowledged),
              ]
              expect(problems, `run ${run} (seed ${seed})`).toEqual([])
            } finally {
              db.close()
            }
          }
          // Backups the writer finished (those with a manifest) are whole; killed ones are not listed.
          const backups = findBackups(join(tmp.dir, 'backups'))
          for (const backup of backups) {
            expect(checkDatabaseFile(backup.file, testKey).quickCheck).toEqual(['ok'])
          }
          console.info(
            `crash test (${workloadName}, seed ${seed}): ${RUNS} kills, ${totalAcks} acknowledged writes, ${backups.length} finished backups kept`,
          )
          // And the app opens the file that survived it all.
          const core = await openCore({ file, key: testKey, log: silentLogger })
          await core.close()
        } finally {
          tmp.remove()
        }
        expect(totalAcks).toBeGreaterThan(RUNS) // the kills did land among real writes
      },
      // A time budget, not a measure: each run starts a Plinth (tsx, then the keyed open) and
      // checks the file; 10 s a run was overrun at a load average of 12 on 2 cores.
      RUNS * 20_000,
    )
  }
})
