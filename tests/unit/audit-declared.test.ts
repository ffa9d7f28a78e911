import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contract, type MethodName } from '../../src/shared/contract'
import { isChangeMethod } from '../../src/shared/change-events'
import { handlers } from '../../src/main/rpc/handlers'
import { isAudited } from '../../src/main/rpc/handlers/audited'

/**
 * Change methods that write no audit line, each with why. Everything else that changes what
 * the clinic holds declares its entry with `audited()` (issue 17: audit as declaration).
 */
const NOT_AUDITED: Partial<Record<MethodName, string>> = {
  'notes.saveDraft':
    'autosave runs every few seconds; starting, signing and discarding are audited',
  'imports.run': 'a job: its transaction writes the imports.run entry with the count it created',
}

describe('audit as declaration', () => {
  it('every change method declares its audit entry, or says why not', () => {
    const missing = (Object.keys(contract) as MethodName[]).filter(
      (m) => isChangeMethod(m) && !isAudited(handlers[m]) && !(m in NOT_AUDITED),
    )
    expect(missing).toEqual([])
  })

  it('the exceptions are real change methods that are not audited', () => {
    for (const m of Object.keys(NOT_AUDITED) as MethodName[]) {
      expect(isChangeMethod(m), m).toBe(true)
      expect(isAudited(handlers[m]), m).toBe(false)
    }
  })

  // `ctx.audit(...)`, `audit(...)`, or `audit` taken out of the context: `{ db, audit }`.
  it('no handler writes to the audit log itself', () => {
    const dir = join(__dirname, '../../src/main/rpc/handlers')
    const writers = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'audited.ts')
      .filter((f) =>
        /(?<![\w.])audit\s*\(|\.audit\s*\(|[{,]\s*audit\s*[,}]/.test(
          readFileSync(join(dir, f), 'utf8'),
        ),
      )
    expect(writers).toEqual([])
  })
})
