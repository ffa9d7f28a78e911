import type { PlinthCore } from '../../src/main/app-core'
import type { Session } from '../../src/main/rpc/context'
import type { NoteContent } from '../../src/shared/contract/notes'
import { clientToken } from '../../src/main/db/fts/notes-index'
import { DEFAULT_TEMPLATES } from '../../src/shared/notes/default-templates'
import { measure, type Figure } from './measure'

export const NOTE_COUNT = 300_000
const BUSY_CLIENT_NOTES = 200
const DRAFTS = 2_000

const PHRASES = [
  'Right hamstring tight after intervals',
  'Left calf cramp during long run',
  'Lower back stiffness after desk week',
  'Shoulder niggle from swimming',
  'ITB tender on the left, foam rolling helps',
  'Neck and upper trapezius tension, headaches',
  'Quads heavy after the half marathon',
  'Achilles morning stiffness easing',
]

/**
 * 300,000 notes straight into SQLite in one transaction (with their search rows): the
 * router would take many minutes to write that many, and the bench measures the calls a
 * therapist makes, not the seeding. One client has 200 notes; about 1 in 150 is a draft.
 */
export function bulkSeedNotes(
  core: PlinthCore,
  author: Session,
  count = NOTE_COUNT,
): { busyClientId: number; draftIds: number[] } {
  const clientIds = (
    core.sqlite.prepare('SELECT id FROM clients ORDER BY id LIMIT 20000').all() as { id: number }[]
  ).map((r) => r.id)
  if (clientIds.length < 2) throw new Error('seed clients before notes')
  const template = core.sqlite
    .prepare("SELECT id, name, fields FROM note_templates WHERE name = 'Follow-up (SOAP)'")
    .get() as { id: number; name: string; fields: string }
  const insert = core.sqlite.prepare(`INSERT INTO notes (
      client_id, therapist_id, author_user_id, author_name, template_id, template_name,
      template_fields, session_at, sections, pain_before, pain_after, areas, techniques,
      body_marks, created_at, updated_at, signed_at, signed_by, signed_by_name)
    VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const index = core.sqlite.prepare(
    'INSERT INTO notes_search (rowid, body, client) VALUES (?, ?, ?)',
  )
  const busyClientId = clientIds[0]!
  const draftIds: number[] = []
  const start = Date.parse('2016-01-01T09:00:00Z')
  const span = Date.parse('2026-11-01T09:00:00Z') - start
  core.sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const clientId =
        i < BUSY_CLIENT_NOTES ? busyClientId : clientIds[1 + (i % (clientIds.length - 1))]!
      const at = new Date(start + Math.floor((i / count) * span)).toISOString()
      const draft = i % 150 === 7 && draftIds.length < DRAFTS
      const subjective = PHRASES[i % PHRASES.length]!
      const sections = JSON.stringify({
        subjective,
        objective: 'Reduced range, tender on palpation',
        assessment: 'Improving',
        plan: 'Review in two weeks',
      })
      const marks = JSON.stringify([
        { region: 'hamstring-r', x: 60, y: 130, kind: 'pain', intensity: 1 + (i % 5) },
      ])
      const r = insert.run(
        clientId,
        author.userId,
        author.displayName,
        template.id,
        template.name,
        template.fields,
        at,
        sections,
        i % 11,
        i % 5,
        'Posterior thigh',
        '["Effleurage","Deep tissue"]',
        marks,
        at,
        at,
        draft ? null : at,
        draft ? null : author.userId,
        draft ? null : author.displayName,
      )
      const id = Number(r.lastInsertRowid)
      if (draft) draftIds.push(id)
      index.run(
        id,
        `${subjective}\nReduced range, tender on palpation\nPosterior thigh`,
        clientToken(clientId),
      )
    }
  })()
  return { busyClientId, draftIds }
}

export function draftContent(i: number): NoteContent {
  return {
    sections: {
      subjective: `Right hamstring tight after intervals; typed so far ${i}`,
      objective: 'Reduced straight-leg raise on the right',
      assessment: '',
      plan: '',
    },
    painBefore: 7,
    painAfter: i % 10,
    areas: 'Posterior thigh, calf',
    techniques: ['Effleurage', 'Deep tissue'],
    pressure: 'Firm',
    response: '',
    aftercare: '',
    homeExercises: '',
    nextSession: '',
    bodyMarks: [{ region: 'hamstring-r', x: 60, y: 130, kind: 'pain', intensity: 3 }],
  }
}

export async function benchNotes(core: PlinthCore, author: Session): Promise<Figure[]> {
  const seedStart = performance.now()
  const { busyClientId, draftIds } = bulkSeedNotes(core, author)
  console.log(
    `seeded ${NOTE_COUNT.toLocaleString('en-GB')} notes (${draftIds.length} drafts) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; ${DEFAULT_TEMPLATES.length} templates`,
  )
  const call = async (method: string, input: unknown) => {
    const r = await core.router.call(method, input, author)
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
    return r.value
  }
  // Each save builds on the revision the previous one returned, as the editor does.
  const revisions = new Map<number, number>()
  const saveDraft = async (i: number) => {
    const id = draftIds[i % draftIds.length]!
    const saved = (await call('notes.saveDraft', {
      id,
      baseRevision: revisions.get(id) ?? 1,
      content: draftContent(i),
    })) as { revision: number }
    revisions.set(id, saved.revision)
  }
  return [
    await measure('save a draft (notes.saveDraft)', 1_000, (i) => saveDraft(i), 10),
    await measure(
      `open a client with ${BUSY_CLIENT_NOTES} notes (clients.get + notes.listForClient)`,
      300,
      async () => {
        await call('clients.get', { id: busyClientId })
        await call('notes.listForClient', { clientId: busyClientId })
      },
      30,
    ),
    await measure('search a client’s notes (notes.search)', 300, () =>
      call('notes.search', { clientId: busyClientId, query: 'hamstr' }),
    ),
  ]
}
