import { existsSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aClient } from '../fixtures/clients'
import { aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { UNENCRYPTED } from '../../src/main/db/cipher'
import { aSession, openTempCore } from '../fixtures/temp-core'
import { filesUnder, leaks as leaksOf } from '../fixtures/raw-bytes'

// Erasing must erase: after `retention.anonymise` / `retention.delete` and a checkpoint, the
// erased words are in no byte of the clinic file, its WAL or a backup taken afterwards.
// The erasure checkpoints the WAL itself, so the tests do not.
// SQLite otherwise leaves deleted cells in free pages and old page images in the WAL
// (https://www.sqlite.org/pragma.html#pragma_secure_delete). Encryption at rest is off in
// this test only (UNENCRYPTED), and so are its backups, so a grep of their bytes is
// meaningful: it proves the erasure, not the cipher.

type Core = Awaited<ReturnType<typeof openTempCore>>
let core: Core
const owner = aSession('owner')
beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-11-25T10:00:00Z'), key: UNENCRYPTED })
})
afterEach(async () => {
  await core.dispose()
})

/** Words only the erased record holds: each is searched for in every file byte by byte. */
const SECRETS = ['Zanzibarwick', 'Quillonfarrow', 'Pterodactylitis', 'Wobblecalf', 'Snarkhollow']

async function aRecordFullOfSecrets() {
  const sam = await aTherapistAccount(core, 'Sam')
  const client = await aClient()
    .named('Zanzibarwick', 'Quillonfarrow')
    .withMobile('07400 555666')
    .withAlert('Pterodactylitis of the left calf')
    .in(core)
  await aNote(core, sam.session, client.id)
    .withSection('subjective', 'Wobblecalf after the Snarkhollow fell race')
    .withPain(6, 2)
    .signed()
    .in()
  await aNote(core, sam.session, client.id).withSection('subjective', 'Wobblecalf again').in()
  // Someone else stays, so the file keeps being used after the erasure.
  await aClient().named('Kate', 'Morgan').in(core)
  return client
}

const leaks = (files: string[]) => leaksOf(files, SECRETS)

/** The erasure itself empties the WAL: no checkpoint here, or a missing one would pass. */
async function backUp(): Promise<string[]> {
  const clinicFiles = [core.file, `${core.file}-wal`].filter((f) => existsSync(f))
  const job = await callOk(core, 'backups.create', {}, owner)
  await core.backups.idle()
  expect(core.backups.job(job.id).state).toBe('done')
  return [...clinicFiles, ...filesUnder(core.backups.folder())]
}

describe('erasing a client leaves none of their words on disk', () => {
  it('the words are on disk before the erasure (so the check below can fail)', async () => {
    await aRecordFullOfSecrets()
    core.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const files = await backUp()
    expect(leaks(files).length).toBeGreaterThan(0)
  })

  it('after anonymising: not in the file, the WAL, nor a later backup', async () => {
    const client = await aRecordFullOfSecrets()
    await callOk(core, 'retention.anonymise', { clientId: client.id }, owner)
    expect(leaks(await backUp())).toEqual([])
  })

  it('after deleting: not in the file, the WAL, nor a later backup', async () => {
    const client = await aClient()
      .named('Zanzibarwick', 'Quillonfarrow')
      .withAlert('Pterodactylitis of the left calf')
      .in(core)
    await aClient().named('Kate', 'Morgan').in(core)
    await callOk(core, 'retention.delete', { clientId: client.id }, owner)
    expect(leaks(await backUp())).toEqual([])
  })
})
