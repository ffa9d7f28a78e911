import { randomUUID } from 'node:crypto'
import type { Logger } from '../../log'
import { DomainError } from '../domain-error'

/** What every long job shows the renderer while it polls: imports and backups alike. */
export interface JobState {
  id: string
  state: 'running' | 'done' | 'failed'
  /** Plain words for the progress bar: "Checking the rows", "Copying the database". */
  stage: string
  /** 0–100. */
  percent: number
  /** The outcome in words once done or failed; null while running. */
  message: string | null
}

export type Progress = (stage: string, percent: number) => void

export interface JobQueueOptions {
  /** For the log: 'import', 'backup'. */
  name: string
  /** How many finished jobs to remember for polling. */
  keep: number
  log: Logger
  /** A failure whose own message is fit for the screen. */
  isKnown: (error: unknown) => boolean
  /** The words shown for any other failure. */
  unknownFailure: (error: unknown) => string
  /** The 'not_found' message for an id no longer remembered. */
  notFound: string
}

/**
 * Long work (imports, backups, restores) as jobs run one at a time, in the order asked:
 * a command starts a job and returns at once with its id; the renderer polls `get(id)` for
 * small progress objects. A job starts on the next turn of the event loop, after the command
 * that asked for it has committed. Only the last `keep` jobs are remembered.
 *
 * A failure the user can act on (`isKnown`, e.g. a DomainError) keeps its own words; any
 * other is logged here and shown as `unknownFailure`, so no stack or path reaches a screen.
 */
export class JobQueue<J extends JobState> {
  #jobs = new Map<string, J>()
  #queue: Promise<unknown> = Promise.resolve()
  readonly #options: JobQueueOptions

  constructor(options: JobQueueOptions) {
    this.#options = options
  }

  /** Registers a new job (state 'running', percent 0) and returns the live object. */
  add(fields: Omit<J, 'id' | 'state' | 'percent' | 'message'>): J {
    const job = {
      ...fields,
      id: randomUUID(),
      state: 'running',
      percent: 0,
      message: null,
    } as J
    this.#jobs.set(job.id, job)
    const excess = this.#jobs.size - this.#options.keep
    for (const id of [...this.#jobs.keys()].slice(0, Math.max(0, excess))) this.#jobs.delete(id)
    return job
  }

  /** A copy of a job as it stands. Errors: 'not_found' when it is no longer remembered. */
  get(id: string): J {
    const job = this.#jobs.get(id)
    if (!job) throw new DomainError('not_found', this.#options.notFound)
    return structuredClone(job)
  }

  /**
   * Queues `work` after every job before it; its resolved words become the job's message.
   * Returns at once: the job's state tells how it went.
   */
  run(job: J, work: (progress: Progress) => Promise<string>): void {
    const progress: Progress = (stage, percent) => {
      job.stage = stage
      job.percent = Math.max(0, Math.min(100, Math.round(percent)))
    }
    void this.enqueue(async () => {
      await new Promise((next) => setImmediate(next))
      return work(progress)
    }).then(
      (message) => Object.assign(job, { state: 'done', stage: 'Done', percent: 100, message }),
      (error: unknown) => {
        const known = this.#options.isKnown(error)
        if (!known) {
          this.#options.log.error(`${this.#options.name} ${job.stage} failed`, {
            error: String(error),
          })
        }
        Object.assign(job, {
          state: 'failed',
          message: known ? (error as Error).message : this.#options.unknownFailure(error),
        })
      },
    )
  }

  /** Runs `work` in the queue's order, for callers that wait for it themselves. */
  enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work)
    this.#queue = run.catch(() => {})
    return run
  }

  /** Resolves once everything queued so far has finished (tests, closing). */
  async idle(): Promise<void> {
    await this.enqueue(async () => {})
  }
}
