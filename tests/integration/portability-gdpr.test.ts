import { strFromU8, unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aClient, callOk } from '../fixtures/clients'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

type Core = Awaited<ReturnType<typeof openTempCore>>
const owner = aSession('owner')

describe("a client's subject access request", () => {
  let core: Core
  beforeEach(async () => {
    core = await openTempCore()
  })
  afterEach(async () => {
    await core.dispose()
  })

  it('holds the record, its alerts and history in one JSON, and is audited without details', async () => {
    const priya = await aClient().named('Priya', 'Shah').withAlert('DVT').in(core)
    await aClient().named('Other', 'Person').withAlert('Diabetes').in(core)
    const out = await callOk(core, 'gdpr.subjectAccess', { clientId: priya.id }, owner)
    const zip = unzipSync(Buffer.from(out.base64, 'base64'))
    const stem = `subject-access-client-${priya.id}-`
    const jsonName = Object.keys(zip).find((f) => f.startsWith(stem) && f.endsWith('.json'))!
    expect(Object.keys(zip).sort()).toEqual([jsonName.replace(/json$/, 'pdf'), jsonName].sort())
    const doc = JSON.parse(strFromU8(zip[jsonName]!)) as {
      client: Record<string, unknown>
      related: Record<string, { text?: string }[]>
      history: { action: string }[]
    }
    expect(doc.client).toMatchObject({ first_name: 'Priya', last_name: 'Shah' })
    expect(doc.client).not.toHaveProperty('last_name_norm')
    expect(doc.related['client_alerts']!.map((a) => a.text)).toEqual(['DVT'])
    expect(doc.history.map((h) => h.action)).toContain('clients.create')
    expect(out.fileName).toMatch(new RegExp(`^${stem}\\d{4}-\\d{2}-\\d{2}\\.zip$`))

    const audit = await core.db
      .selectFrom('audit_log')
      .select(['summary', 'entity_id'])
      .where('action', '=', 'gdpr.subjectAccess')
      .execute()
    expect(audit).toEqual([
      {
        summary:
          'Exported the complete record (subject access request): PDF, JSON and 0 attached files',
        entity_id: String(priya.id),
      },
    ])
  })

  it('is refused to reception', async () => {
    const priya = await aClient().in(core)
    const r = await call(core, 'gdpr.subjectAccess', { clientId: priya.id }, aSession('reception'))
    expect(r.ok ? null : r.error.code).toBe('forbidden')
  })
})
