import { z } from 'zod'
import { diaryContract } from '../../shared/contract/diary'
import type { DaySheet } from '../../shared/contract/appointment-values'
import type { RpcResult } from '../../shared/rpc'
import type { DeskSession } from './desk-session'
import type { SealedValue } from './sealed-file'

export const keptSheetFile = z.object({
  /** The host it came from: a desk re-paired elsewhere never prints another clinic's day. */
  fingerprint: z.string(),
  fetchedAt: z.string(),
  sheet: z.unknown(),
})
export type KeptSheetFile = z.output<typeof keptSheetFile>

const SPEC = diaryContract['diary.daySheet']

/**
 * The day sheet this desk last fetched, sealed on the desk, so it can still be printed
 * while the host is away (issue 15: reception can still greet the 11 o'clock). Offered
 * only to someone the host last said is signed in here, unlocked, with a role that may
 * read the day sheet.
 */
export class KeptDaySheet {
  constructor(
    private readonly file: SealedValue<KeptSheetFile>,
    private readonly fingerprint: string,
    private readonly session: DeskSession,
    private readonly now: () => Date,
  ) {}

  /** Told of every answer from the host; keeps a fetched day sheet. */
  heard(method: string, result: RpcResult): void {
    if (method !== 'diary.daySheet' || !result.ok) return
    try {
      this.file.write({
        fingerprint: this.fingerprint,
        fetchedAt: this.now().toISOString(),
        sheet: result.value,
      })
    } catch {
      // A desk that cannot write its own folder still works; it just has nothing to print.
    }
  }

  last(): { fetchedAt: string; sheet: DaySheet } | null {
    const user = this.session.current
    if (!user || user.locked || SPEC.roles === 'public' || !SPEC.roles.includes(user.role)) {
      return null
    }
    const kept = this.file.read()
    if (!kept || kept.fingerprint !== this.fingerprint) return null
    const sheet = SPEC.output.safeParse(kept.sheet)
    return sheet.success ? { fetchedAt: kept.fetchedAt, sheet: sheet.data } : null
  }
}
