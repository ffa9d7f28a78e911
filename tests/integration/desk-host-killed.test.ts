// Issue 15: "killing the host mid-save, then reconnecting with the draft kept". The host is
// `npm run host` in its own process, killed with SIGKILL (no shutdown at all) while a desk's
// note save is inside its transaction, and again after the save committed but before the
// desk heard the answer; each time it is started again on the same file and port.
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { openConnection } from '../../src/main/db/connection'
import { pairWithHost, probeHost } from '../../src/main/link/desk-client'
import { memoryDeskStore } from '../../src/main/link/desk-store'
import { LinkShell } from '../../src/main/link/link-shell'
import { processKeyCipher } from '../../src/main/link/sealed-file'
import { silentLogger } from '../../src/main/log'
import type { NoteContent } from '../../src/shared/contract/notes'
import type { RpcResult } from '../../src/shared/rpc'
import { freePort, startHostProcess, type HostProcess } from '../fixtures/host-process'
import { aCompletedAppointment, aNote, aTherapistAccount, emptyContent } from '../fixtures/notes'
import { TEST_PASSWORD } from '../fixtures/staff'
import { startTcpProxy } from '../fixtures/tcp-proxy'
import { tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

const tmp = tempDir()
const file = join(tmp.dir, 'clinic.sqlite')
const pauseFile = join(tmp.dir, 'pause-note-saves')
let host: HostProcess | null = null
let proxy: Awaited<ReturnType<typeof startTcpProxy>>
let shell: LinkShell
let port: number
let noteId: number
let clientId: number

beforeEach(async () => {
  const core = await openCore({ file, key: testKey, log: silentLogger })
  const { session, therapistId } = await aTherapistAccount(core, 'Sam')
  clientId = (await aCompletedAppointment(core, therapistId)).clientId
  noteId = (await aNote(core, session, clientId).withSection('subjective', 'Calf tight').in()).id
  await core.close()
  port = await freePort()
  host = await startHostProcess(file, port, { pauseFile })
  proxy = await startTcpProxy(port)
  const probe = await probeHost(proxy.url)
  if (!probe.ok) throw new Error(probe.error.message)
  const paired = await pairWithHost(probe.value, host.code, 'Room 2')
  if (!paired.ok) throw new Error(paired.error.message)
  shell = await LinkShell.start({
    store: memoryDeskStore(paired.value),
    hasClinicHere: false,
    openHost: () => Promise.reject(new Error('a desk')),
    keep: { dir: tmp.dir, cipher: processKeyCipher() },
  })
  expect(await signIn()).toMatchObject({ ok: true, value: { status: 'signed-in' } })
}, 120_000)

afterEach(async () => {
  shell.close()
  await proxy.close()
  await host?.kill()
  tmp.remove()
})

const signIn = () => shell.call('auth.signIn', { username: 'sam', password: TEST_PASSWORD })
const content = (subjective: string): NoteContent => ({
  ...emptyContent(),
  sections: { subjective },
})
const save = (subjective: string, baseRevision: number) =>
  shell.call('notes.saveDraft', { id: noteId, baseRevision, content: content(subjective) })
const revisionNow = async () => {
  const note = (await shell.call('notes.get', { id: noteId })) as RpcResult<{ revision: number }>
  if (!note.ok) throw new Error(note.error.message)
  return note.value.revision
}

/** The file as the dead host left it: whole, and the note all of one version or the other. */
function inspectFile() {
  const { sqlite } = openConnection(file, testKey)
  try {
    return {
      integrity: sqlite.pragma('integrity_check', { simple: true }),
      foreignKeys: sqlite.pragma('foreign_key_check'),
      note: sqlite
        .prepare('SELECT sections, revision, updated_at FROM notes WHERE id = ?')
        .get(noteId) as { sections: string; revision: number; updated_at: string },
      searchHits: (word: string) =>
        (
          sqlite
            .prepare('SELECT count(*) AS n FROM notes_search WHERE notes_search MATCH ?')
            .get(word) as { n: number }
        ).n,
      saves: sqlite.prepare('SELECT request_id FROM desk_saves').all() as { request_id: string }[],
      close: () => sqlite.close(),
    }
  } catch (error) {
    sqlite.close()
    throw error
  }
}

async function until(ready: () => boolean, failure: string): Promise<void> {
  const deadline = Date.now() + 15_000
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(failure)
    await new Promise((done) => setTimeout(done, 20))
  }
}

async function restartHost(): Promise<void> {
  const before = host!.fingerprint
  host = await startHostProcess(file, port, { pauseFile })
  // The identity lives in the clinic file: the desk's pinned certificate still matches.
  expect(host.fingerprint).toBe(before)
}

describe('the host killed mid-save', () => {
  it('keeps the draft on the desk and saves it exactly once, with the next revision, when the host is back', async () => {
    const base = await revisionNow()

    // 1. Killed inside the save's transaction: the note's row is written, its search index
    // and the commit are not (the host is held there by pause-in-note-save.mjs).
    writeFileSync(pauseFile, '')
    const first = save('Calf tight; worse on stairs (typed as the host died)', base)
    await until(() => existsSync(`${pauseFile}.paused`), 'the host never reached the save')
    await host!.kill()
    rmSync(pauseFile)
    expect(await first).toMatchObject({ ok: false, error: { code: 'kept_on_desk' } })
    let seen = inspectFile()
    expect(seen.integrity).toBe('ok')
    expect(seen.foreignKeys).toEqual([])
    expect(seen.note.revision).toBe(base)
    expect(JSON.parse(seen.note.sections)).toMatchObject({ subjective: 'Calf tight' })
    expect(seen.searchHits('stairs')).toBe(0)
    seen.close()

    // Back on the same file and port: the person signs in again and the draft is saved first.
    await restartHost()
    expect(await shell.call('auth.status', {})).toMatchObject({ ok: true, value: { user: null } })
    expect(await signIn()).toMatchObject({ ok: true, value: { status: 'signed-in' } })
    expect(await revisionNow()).toBe(base + 1)
    expect(await shell.call('link.kept', {})).toMatchObject({ ok: true, value: [] })

    // 2. Killed after the save committed, before its answer reached the desk.
    proxy.holdReplies()
    const second = save('Calf eased after treatment', base + 1)
    await until(() => {
      const look = inspectFile()
      const committed = look.note.revision === base + 2
      look.close()
      return committed
    }, 'the save never committed')
    await host!.kill()
    expect(await second).toMatchObject({ ok: false, error: { code: 'kept_on_desk' } })
    seen = inspectFile()
    expect(seen.integrity).toBe('ok')
    expect(JSON.parse(seen.note.sections)).toMatchObject({
      subjective: 'Calf eased after treatment',
    })
    expect(seen.searchHits('eased')).toBe(1)
    expect(seen.searchHits('stairs')).toBe(0)
    expect(seen.saves).toHaveLength(2)
    seen.close()

    // The desk resends it (same request id) and is answered, not saved again: no false
    // "changed elsewhere", and the revision does not move twice.
    proxy.mend()
    await restartHost()
    expect(await signIn()).toMatchObject({ ok: true, value: { status: 'signed-in' } })
    expect(await revisionNow()).toBe(base + 2)
    expect(await shell.call('link.kept', {})).toMatchObject({ ok: true, value: [] })
    const note = await shell.call('notes.get', { id: noteId })
    expect(note).toMatchObject({
      ok: true,
      value: { sections: { subjective: 'Calf eased after treatment' } },
    })
    await host!.stop()
    seen = inspectFile()
    expect(seen.saves).toHaveLength(2)
    expect(seen.note.revision).toBe(base + 2)
    seen.close()
  }, 180_000)
})
