import type { DatabaseHealth } from '../../../shared/contract/backups'
import type { Keying } from '../../db/cipher'
import { quickCheckOffThread } from '../../db/integrity-check'
import type { Logger } from '../../log'
import { writeFullCheckAt } from './full-check-record'

/**
 * The verdict of SQLite's quick_check on the live file, as health() shows it. The check
 * itself runs in a worker thread (db/integrity-check.ts), so asking for one never freezes
 * the window; when it runs is the schedule's decision (schedule.ts, docs/integrity-checks.md).
 */
export class IntegrityWatch {
  #state: DatabaseHealth['integrity'] = { state: 'not-checked', checkedAt: null, detail: null }
  #run: Promise<void> | null = null

  /**
   * `gate`: runs the check as a command borrows the live database (LiveDatabase.use), so it
   * never opens the file while a restore swaps it (the file is moved aside for a moment:
   * a check opening it then found no database, or the old file's sidecars, and declared
   * damage) and a swap waits for a check under way (issue 19).
   */
  constructor(
    private readonly options: {
      file: string
      key: Keying
      log: Logger
      now: () => Date
      gate?: <T>(run: () => Promise<T>) => Promise<T>
    },
  ) {}

  get state(): DatabaseHealth['integrity'] {
    return { ...this.#state }
  }

  /** The check under way, if any: a restore waits for it (its worker reads the file). */
  get running(): Promise<void> | null {
    return this.#run
  }

  /** Starts a quick_check (integrity_check when `full`); resolves once its verdict is in state. */
  check(full = false): Promise<void> {
    const { file, key, log, now, gate = (run) => run() } = this.options
    this.#state = { state: 'checking', checkedAt: null, detail: null }
    this.#run = gate(() => quickCheckOffThread(file, key, full)).then(
      (problems) => {
        const ok = problems.join() === 'ok'
        this.#state = {
          state: ok ? 'ok' : 'failed',
          checkedAt: now().toISOString(),
          detail: ok ? null : problems.slice(0, 3).join('; '),
        }
        if (!ok)
          log.error(`the database failed ${full ? 'integrity_check' : 'quick_check'}`, { problems })
        if (full) writeFullCheckAt(file, now())
      },
      (error: unknown) => {
        this.#state = {
          state: 'failed',
          checkedAt: now().toISOString(),
          detail: error instanceof Error ? error.message : String(error),
        }
      },
    )
    return this.#run
  }
}
