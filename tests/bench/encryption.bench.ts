import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openCore, type PlinthCore } from '../../src/main/app-core'
import { newDatabaseKey, UNENCRYPTED, type Keying } from '../../src/main/db/cipher'
import { silentLogger } from '../../src/main/log'
import type { Session } from '../../src/main/rpc/context'
import { seedDemoClinic } from '../../src/main/seed/demo-clinic'
import { aStaffMember } from '../fixtures/staff'
import { phoneMomentQueries } from './clients.bench'
import type { Figure } from './measure'
import { bulkSeedNotes, draftContent } from './notes.bench'
import { bulkSeedClients } from './seed-clients'

const CLIENTS = 20_000
const NOTES = 40_000

interface Clinic {
  core: PlinthCore
  owner: Session
  draftIds: number[]
  busyClientId: number
  revisions: Map<number, number>
}

/** One clinic, the same content in both: the demo diary, 20,000 clients, 40,000 notes. */
async function aClinic(dir: string, name: string, key: Keying): Promise<Clinic> {
  const core = await openCore({ file: join(dir, `${name}.sqlite`), key, log: silentLogger })
  await seedDemoClinic(core, { seed: 7 })
  const owner = await aStaffMember(core.db, 'owner')
  bulkSeedClients(core, CLIENTS)
  const { draftIds, busyClientId } = bulkSeedNotes(core, owner, NOTES)
  core.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  return { core, owner, draftIds, busyClientId, revisions: new Map() }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))]!
}

/**
 * The same operation on the plain and the encrypted clinic, run by turns (plain, encrypted,
 * plain, ...), so a machine that gets busier half-way slows both alike. Two figures, the
 * encrypted one named with its median as a multiple of the plain one's.
 */
async function pair(
  name: string,
  runs: number,
  clinics: { plain: Clinic; encrypted: Clinic },
  op: (clinic: Clinic, i: number) => Promise<unknown>,
): Promise<Figure[]> {
  const times = { plain: [] as number[], encrypted: [] as number[] }
  for (let i = 0; i < Math.min(30, runs); i++) {
    await op(clinics.plain, i)
    await op(clinics.encrypted, i)
  }
  for (let i = 0; i < runs; i++) {
    for (const mode of ['plain', 'encrypted'] as const) {
      const start = performance.now()
      await op(clinics[mode], i)
      times[mode].push(performance.now() - start)
    }
  }
  const figure = (mode: 'plain' | 'encrypted', label: string): Figure => {
    const sorted = [...times[mode]].sort((a, b) => a - b)
    return {
      name: `${name} · ${label}`,
      runs,
      medianMs: quantile(sorted, 0.5),
      p95Ms: quantile(sorted, 0.95),
    }
  }
  const plain = figure('plain', 'plain')
  const ratio =
    quantile(
      [...times.encrypted].sort((a, b) => a - b),
      0.5,
    ) / plain.medianMs
  return [plain, figure('encrypted', `encrypted (×${ratio.toFixed(2)} of plain)`)]
}

async function ok(clinic: Clinic, method: string, input: unknown): Promise<unknown> {
  const result = await clinic.core.router.call(method, input, clinic.owner)
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`)
  return result.value
}

/**
 * The cost of encryption at rest (issue 12) as encrypted / plain, on identical clinics larger
 * than SQLite's page cache, so reads decrypt pages from disk: reading a day of the diary,
 * saving a note (a commit through the encrypted WAL), and searching clients and notes.
 */
export async function benchEncryption(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-encryption-'))
  const opened: Clinic[] = []
  try {
    const started = performance.now()
    const plain = await aClinic(dir, 'plain', UNENCRYPTED)
    opened.push(plain)
    const encrypted = await aClinic(dir, 'encrypted', newDatabaseKey())
    opened.push(encrypted)
    const mb = (statSync(encrypted.core.file).size / 1024 / 1024).toFixed(0)
    console.log(
      `encryption bench: two clinics of ${mb} MB seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
    const clinics = { plain, encrypted }
    const today = new Date()
    const days = Array.from({ length: 14 }, (_, i) => {
      const from = new Date(today.getTime() + (i - 7) * 86_400_000)
      from.setUTCHours(0, 0, 0, 0)
      return { from: from.toISOString(), to: new Date(from.getTime() + 86_400_000).toISOString() }
    })
    const queries = Object.values(phoneMomentQueries(plain.core, 100)).flat()
    // Clients spread over the whole file, so most reads miss SQLite's page cache.
    const clientIds = Array.from({ length: 997 }, (_, i) => 1 + ((i * 7919) % CLIENTS))
    return [
      ...(await pair('read a day (diary.range)', 300, clinics, (c, i) =>
        ok(c, 'diary.range', days[i % days.length]),
      )),
      ...(await pair('open a client’s record, any of 20,000 (clients.get)', 600, clinics, (c, i) =>
        ok(c, 'clients.get', { id: clientIds[i % clientIds.length]! }),
      )),
      ...(await pair('save a note (notes.saveDraft)', 300, clinics, async (c, i) => {
        const id = c.draftIds[i % c.draftIds.length]!
        const saved = (await ok(c, 'notes.saveDraft', {
          id,
          baseRevision: c.revisions.get(id) ?? 1,
          content: draftContent(i),
        })) as { revision: number }
        c.revisions.set(id, saved.revision)
      })),
      ...(await pair('search clients (clients.search)', 600, clinics, (c, i) =>
        ok(c, 'clients.search', { query: queries[i % queries.length]! }),
      )),
      ...(await pair('search a client’s notes (notes.search)', 300, clinics, (c) =>
        ok(c, 'notes.search', { clientId: c.busyClientId, query: 'hamstr' }),
      )),
    ]
  } finally {
    for (const clinic of opened) await clinic.core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
