import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCore, type PlinthCore } from '../../src/main/app-core'
import { newDatabaseKey } from '../../src/main/db/cipher'
import { silentLogger } from '../../src/main/log'
import type { Session } from '../../src/main/rpc/context'

/** The session the benches call the router as. */
export const benchOwner: Session = {
  userId: 0,
  username: 'bench',
  displayName: 'Bench',
  role: 'owner',
}

/** The load average, to print beside any figure: p95s are only as quiet as the machine. */
export function loadNote(): string {
  return `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} on ${availableParallelism()} cores`
}

/**
 * A bench script's own clinic: an encrypted file in a temp folder, opened as the app opens
 * it, handed to `run`, then closed and removed whatever happens.
 */
export async function withBenchClinic(
  name: string,
  run: (core: PlinthCore) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `plinth-bench-${name}-`))
  const core = await openCore({
    file: join(dir, 'clinic.sqlite'),
    key: newDatabaseKey(),
    log: silentLogger,
  })
  try {
    await run(core)
  } finally {
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
