import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { silentLogger } from '../../src/main/log'
import { messageIdOf } from '../../src/main/services/messages/channels/email'
import { messageSettingsRow } from '../../src/main/services/messages/message-settings'
import { enqueue } from '../../src/main/services/messages/queue'
import { callOk } from '../fixtures/clients'
import { MESSAGE_SETTINGS } from '../fixtures/messages'
import { startSmsWorksServer } from '../fixtures/sms-works-server'
import { startSmtpServer } from '../fixtures/smtp-test-server'
import { aSession, tempDir } from '../fixtures/temp-core'
import { testKey, withTestKey } from '../fixtures/test-key'

// PLINTH_MESSAGE_KILLS=100 for the long run; the default keeps `npm test` quick.
const KILLS = Number(process.env['PLINTH_MESSAGE_KILLS'] ?? 6)
const PER_CHANNEL = 60

/** Starts the sender in a child process and SIGKILLs it `delay` ms after it is ready. */
function runAndKill(file: string, delay: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join('tests', 'fixtures', 'message-sender-child.ts'), file],
      { stdio: ['ignore', 'pipe', 'pipe'], env: withTestKey() },
    )
    let stderr = ''
    let timer: NodeJS.Timeout | null = null
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (!timer && chunk.includes('ready')) timer = setTimeout(() => child.kill('SIGKILL'), delay)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.on('error', fail)
    child.on('close', (_code, signal) => {
      clearTimeout(guard)
      if (timer) clearTimeout(timer)
      if (signal !== 'SIGKILL') return fail(new Error(`sender exited on its own:\n${stderr}`))
      done()
    })
  })
}

describe('the outbox under SIGKILL', () => {
  it('loses nothing, and sends no SMS twice, however often the sender is killed mid-send', async () => {
    const tmp = tempDir()
    const smtp = await startSmtpServer()
    const sms = await startSmsWorksServer()
    const file = join(tmp.dir, 'clinic.sqlite')
    try {
      // Set up: messaging on, both servers on loopback, 2 × 60 messages due now.
      const core = await openCore({ file, key: testKey, log: silentLogger, sendMessages: false })
      await callOk(
        core,
        'messages.saveSettings',
        {
          ...MESSAGE_SETTINGS,
          email: {
            ...MESSAGE_SETTINGS.email,
            port: smtp.port,
            caPem: smtp.certPem,
            password: smtp.password,
          },
          sms: { ...MESSAGE_SETTINGS.sms, baseUrl: sms.baseUrl, token: sms.token },
        },
        aSession('owner'),
      )
      const settings = await messageSettingsRow(core.db)
      const now = new Date()
      await core.db.transaction().execute(async (trx) => {
        for (let i = 0; i < PER_CHANNEL; i++) {
          for (const channel of ['email', 'sms'] as const) {
            await enqueue(
              trx,
              {
                key: `kill-test:${i}:${channel}`,
                kind: 'reminder',
                channel,
                to:
                  channel === 'email'
                    ? `client${i}@example.com`
                    : `07700 9${String(i).padStart(5, '0')}`,
                clientId: null,
                appointmentId: null,
                subject: `Reminder ${i}`,
                body: `Reminder number ${i}`,
                withIcs: false,
                dueAt: now.getTime(),
              },
              settings,
              now,
            )
          }
        }
      })
      await core.close()

      // Kill the sender again and again, at random moments once it is running.
      let kills = 0
      const started = Date.now()
      for (; kills < KILLS; kills++) {
        await runAndKill(file, 200 + Math.random() * 1000)
        console.info(
          `kill ${kills}: ${Date.now() - started} ms, ${sms.messages.length} SMS, ${smtp.received.length} e-mails`,
        )
      }
      // Then let one run finish: everything goes.
      const after = await openCore({ file, key: testKey, log: silentLogger, sendMessages: false })
      await after.messages.drain()
      const rows = await after.db.selectFrom('messages').selectAll().execute()
      await after.close()

      expect(rows).toHaveLength(2 * PER_CHANNEL)
      expect(rows.filter((r) => r.state !== 'sent').map((r) => [r.idem_key, r.state])).toEqual([])
      // SMS: each key reached the gateway exactly once (found by tag after a crash).
      const tags = sms.messages.map((m) => m.tag).sort()
      expect(tags).toEqual(
        rows
          .filter((r) => r.channel === 'sms')
          .map((r) => r.idem_key)
          .sort(),
      )
      // E-mail: every message arrived at least once; SMTP has no idempotency key, so a
      // crash between the server's 250 and the outbox's record can send one again (same
      // Message-ID), at most once per kill.
      const ids = smtp.received.map((m) => /^Message-ID: (<[^>]+>)\r$/m.exec(m.raw)?.[1])
      for (const r of rows.filter((x) => x.channel === 'email')) {
        expect(ids).toContain(messageIdOf(r.idem_key, 'hello@riverside.example'))
      }
      const duplicates = ids.length - new Set(ids).size
      expect(duplicates).toBeLessThanOrEqual(kills)
      console.info(
        `messages kill test: ${kills} kills, ${duplicates} e-mail duplicates, 0 SMS duplicates`,
      )
    } finally {
      await smtp.close()
      await sms.close()
      tmp.remove()
    }
  }, 240_000)
})
