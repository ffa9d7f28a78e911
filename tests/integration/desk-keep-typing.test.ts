import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pairWithHost, probeHost, STREAM_SILENCE_MS } from '../../src/main/link/desk-client'
import { memoryDeskStore, type Cipher } from '../../src/main/link/desk-store'
import { LinkShell } from '../../src/main/link/link-shell'
import type { NoteContent } from '../../src/shared/contract/notes'
import type { RpcResult } from '../../src/shared/rpc'
import { startHost, type Host } from '../fixtures/desk-link'
import {
  aCompletedAppointment,
  aNote,
  aTherapistAccount,
  callOk,
  emptyContent,
} from '../fixtures/notes'
import { TEST_PASSWORD } from '../fixtures/staff'
import { startTcpProxy } from '../fixtures/tcp-proxy'
import { tempDir } from '../fixtures/temp-core'

// Stands in for safeStorage, whose key the OS keystore holds: nothing readable on disk.
const cipher: Cipher = {
  encrypt: (s) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0xa5)),
  decrypt: (b) => Buffer.from(b.map((x) => x ^ 0xa5)).toString('utf8'),
}

let host: Host
let proxy: Awaited<ReturnType<typeof startTcpProxy>>
let shell: LinkShell
const tmp = tempDir()
let noteId: number
let revision: number

/** A treatment-room desk, through a relay the test can cut, with Sam signed in there. */
beforeEach(async () => {
  host = await startHost()
  proxy = await startTcpProxy(host.port)
  const { session, therapistId } = await aTherapistAccount(host, 'Sam')
  const { clientId } = await aCompletedAppointment(host, therapistId)
  const note = await aNote(host, session, clientId)
    .withSection('subjective', 'Left calf tight')
    .in()
  noteId = note.id
  revision = note.revision
  const probe = await probeHost(proxy.url)
  if (!probe.ok) throw new Error(probe.error.message)
  const paired = await pairWithHost(probe.value, host.deskHost.codes.issue().code, 'Room 2')
  if (!paired.ok) throw new Error(paired.error.message)
  shell = await LinkShell.start({
    store: memoryDeskStore(paired.value),
    hasClinicHere: false,
    openHost: () => Promise.reject(new Error('a desk')),
    keep: { dir: tmp.dir, cipher },
  })
  await signIn()
})
afterEach(async () => {
  shell.close()
  await proxy.close()
  await host.dispose()
})

const signIn = () =>
  shell.call('auth.signIn', { username: 'sam', password: TEST_PASSWORD }) as Promise<
    RpcResult<{ status: string }>
  >
const content = (subjective: string): NoteContent => ({
  ...emptyContent(),
  sections: { subjective },
})
const save = (subjective: string, base: number) =>
  shell.call('notes.saveDraft', { id: noteId, baseRevision: base, content: content(subjective) })
const onHost = () =>
  host.db
    .selectFrom('notes')
    .select(['sections', 'revision'])
    .where('id', '=', noteId)
    .executeTakeFirstOrThrow()
const kept = async () =>
  ((await shell.call('link.kept', {})) as RpcResult<{ state: string }[]> & { ok: true }).value

describe('typing at a desk while the host is away', () => {
  it('is kept sealed on the desk and saved once when the host is back', async () => {
    proxy.cut()
    const answer = await save('Left calf tight; worse on stairs', revision)
    expect(answer).toMatchObject({ ok: false, error: { code: 'kept_on_desk' } })
    expect((answer as { error: { message: string } }).error.message).toBe(
      'Host unreachable — your typing is kept on this desk and will be saved when it returns.',
    )
    expect(await kept()).toMatchObject([{ state: 'waiting', what: 'Treatment note' }])
    const sealed = readFileSync(join(tmp.dir, 'desk-kept-saves.bin'))
    expect(sealed.toString('utf8')).not.toContain('stairs')
    expect(cipher.decrypt(sealed)).toContain('stairs')

    proxy.mend()
    // Any answer from the host sends what waits; the window's own resend, queued behind
    // it, is answered with that save instead of saving the same typing again.
    expect(await shell.call('auth.status', {})).toMatchObject({ ok: true })
    const resent = await save('Left calf tight; worse on stairs', revision)
    expect(resent).toMatchObject({ ok: true, value: { revision: revision + 1 } })
    expect(await onHost()).toMatchObject({ revision: revision + 1 })
    expect(JSON.parse((await onHost()).sections)).toMatchObject({
      subjective: 'Left calf tight; worse on stairs',
    })
    expect(await host.db.selectFrom('desk_saves').select('method').execute()).toEqual([
      { method: 'notes.saveDraft' },
    ])
    // And typing on goes on from there.
    expect(await save('Left calf tight; worse on stairs. Eased.', revision)).toMatchObject({
      ok: true,
      value: { revision: revision + 2 },
    })
    expect(await kept()).toEqual([])
    expect(existsSync(join(tmp.dir, 'desk-kept-saves.bin'))).toBe(false)
  })

  it('waits for the person to sign in again when the host restarted, then saves before they read', async () => {
    await host.deskHost.stop()
    expect(await save('Typed while the host was off', revision)).toMatchObject({
      error: { code: 'kept_on_desk' },
    })
    await host.deskHost.start(host.port)
    // Sessions went with the host: the window is told, the typing stays kept.
    expect(await shell.call('auth.status', {})).toMatchObject({ ok: true, value: { user: null } })
    expect((await onHost()).revision).toBe(revision)
    expect(await signIn()).toMatchObject({ ok: true, value: { status: 'signed-in' } })
    expect(await onHost()).toMatchObject({ revision: revision + 1 })
    const note = await shell.call('notes.get', { id: noteId })
    expect(note).toMatchObject({
      ok: true,
      value: { sections: { subjective: 'Typed while the host was off' } },
    })
  })

  it('never writes over a version saved elsewhere meanwhile: both are kept for the person to choose', async () => {
    proxy.cut()
    await save('Desk version', revision)
    const sam = await host.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'sam')
      .executeTakeFirstOrThrow()
    const session = {
      userId: sam.id,
      username: 'sam',
      displayName: 'Sam',
      role: 'therapist' as const,
    }
    await callOk(
      host,
      'notes.saveDraft',
      { id: noteId, baseRevision: revision, content: content('Host version') },
      session,
    )
    proxy.mend()
    await shell.call('auth.status', {})
    await shell.keeper!.replay()
    expect(JSON.parse((await onHost()).sections)).toMatchObject({ subjective: 'Host version' })
    const list = await kept()
    expect(list).toMatchObject([
      { state: 'conflict', input: { content: { sections: { subjective: 'Desk version' } } } },
    ])
    expect((list[0] as unknown as { message: string }).message).toMatch(/changed/)
    // The window's stale editor is refused too, and its newest typing is what stays kept.
    expect(await save('Desk version, more', revision)).toMatchObject({
      error: { code: 'conflict' },
    })
    expect(await kept()).toMatchObject([
      { input: { content: { sections: { subjective: 'Desk version, more' } } } },
    ])
    // Choosing theirs: the kept version goes.
    const key = (list[0] as unknown as { key: string }).key
    expect(await shell.call('link.dropKept', { key })).toMatchObject({ value: { dropped: true } })
    expect(await kept()).toEqual([])
  })

  it('keeps the typing in memory when the desk cannot seal it (no keystore), and still saves it', async () => {
    const probe = await probeHost(proxy.url)
    if (!probe.ok) throw new Error(probe.error.message)
    const paired = await pairWithHost(probe.value, host.deskHost.codes.issue().code, 'Laptop')
    if (!paired.ok) throw new Error(paired.error.message)
    const failures: unknown[] = []
    const noKeystore = await LinkShell.start({
      store: memoryDeskStore(paired.value),
      hasClinicHere: false,
      openHost: () => Promise.reject(new Error('a desk')),
      keep: {
        dir: tmp.dir,
        cipher: {
          encrypt: () => {
            throw new Error('This computer has no secure store.')
          },
          decrypt: () => '',
        },
      },
      onSealFailed: (error) => failures.push(error),
    })
    try {
      await noKeystore.call('auth.signIn', { username: 'sam', password: TEST_PASSWORD })
      proxy.cut()
      const answer = await noKeystore.call('notes.saveDraft', {
        id: noteId,
        baseRevision: revision,
        content: content('Typed on the laptop'),
      })
      expect(answer).toMatchObject({ error: { code: 'kept_on_desk' } })
      expect(failures).not.toHaveLength(0)
      proxy.mend()
      await noKeystore.call('auth.status', {})
      await noKeystore.keeper!.replay()
      expect(JSON.parse((await onHost()).sections)).toMatchObject({
        subjective: 'Typed on the laptop',
      })
    } finally {
      noKeystore.close()
    }
  })

  it('is kept within seconds when the host hangs with the connection open, not after 30 s', async () => {
    // A user trial stopped the host (SIGSTOP) while reception pressed Book: "Booking…" spun
    // for 30 s. Held replies are the same on the wire: bytes go in, nothing comes back.
    // The window's change stream is open, as it always is in the app.
    const states: string[] = []
    const stop = shell.push((m) => {
      if (m.type === 'link') states.push(m.state)
    })
    await expect.poll(() => states, { timeout: 10_000 }).toContain('connected')
    proxy.holdReplies()
    const started = performance.now()
    const answer = await save('Left calf tight; hung host', revision)
    const waited = performance.now() - started
    expect(answer).toMatchObject({ ok: false, error: { code: 'kept_on_desk' } })
    // The stream's silence limit (6 s after the last heartbeat), far under the 30 s call limit.
    expect(waited).toBeLessThan(STREAM_SILENCE_MS + 5_000)
    expect(states.at(-1)).toBe('reconnecting')
    proxy.mend()
    expect(await shell.call('auth.status', {})).toMatchObject({ ok: true })
    const resent = await save('Left calf tight; hung host', revision)
    expect(resent).toMatchObject({ ok: true, value: { revision: revision + 1 } })
    expect(JSON.parse((await onHost()).sections)).toMatchObject({
      subjective: 'Left calf tight; hung host',
    })
    stop()
  }, 40_000)
})
