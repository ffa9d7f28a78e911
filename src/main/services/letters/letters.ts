import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns/format'
import { parseISO } from 'date-fns/parseISO'
import type { Kysely } from 'kysely'
import type { LetterTemplate } from '../../../shared/contract/letters'
import type { Note } from '../../../shared/contract/notes'
import type { ClinicSettings } from '../../../shared/contract/settings'
import {
  fillLetter,
  LETTER_PLACEHOLDERS,
  unknownPlaceholders,
  type LetterPlaceholder,
} from '../../../shared/letters/placeholders'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { keepClientDocument, type KeptPdf } from '../documents/client-documents'
import { readableNote } from '../notes/note-reading'
import { getClinicSettings } from '../settings'
import { displayNameOf } from '../clients/client-record'
import { DomainError } from '../domain-error'
import { clinicDocument } from '../pdf/clinic-document'

const templateOf = (r: { id: number; name: string; body: string; active: number }) => ({
  id: r.id,
  name: r.name,
  body: r.body,
  active: r.active === 1,
})

export async function listLetterTemplates(
  db: Kysely<DB>,
  includeInactive: boolean,
): Promise<LetterTemplate[]> {
  let q = db.selectFrom('letter_templates').select(['id', 'name', 'body', 'active']).orderBy('name')
  if (!includeInactive) q = q.where('active', '=', 1)
  return (await q.execute()).map(templateOf)
}

/**
 * Adds or changes a letter template (owner). A placeholder Plinth does not know is refused
 * beside the body, naming it, so a typo never prints as "{{gp.nmae}}" in a letter.
 */
export async function saveLetterTemplate(
  db: Kysely<DB>,
  input: { id?: number | undefined; name: string; body: string; active: boolean },
  now: Date,
): Promise<LetterTemplate> {
  const unknown = unknownPlaceholders(input.body)
  if (unknown.length > 0) {
    const list = unknown.map((u) => `{{${u}}}`).join(', ')
    throw new DomainError('rule_broken', `Plinth does not know ${list}.`, [
      { path: 'body', message: `Unknown placeholder${unknown.length > 1 ? 's' : ''}: ${list}` },
    ])
  }
  const at = now.toISOString()
  const values = { name: input.name, body: input.body, active: input.active ? 1 : 0 }
  let id = input.id
  if (id) {
    const done = await db
      .updateTable('letter_templates')
      .set({ ...values, updated_at: at })
      .where('id', '=', id)
      .executeTakeFirst()
    if (done.numUpdatedRows === 0n) throw new DomainError('not_found', 'No such letter template.')
  } else {
    id = (
      await db
        .insertInto('letter_templates')
        .values({ ...values, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  }
  return templateOf(
    await db
      .selectFrom('letter_templates')
      .select(['id', 'name', 'body', 'active'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  )
}

/**
 * The letter's text: the template filled from the client's record, the signed note (findings
 * = its Objective and Assessment sections, plan = its Plan section or next-session advice),
 * the note's therapist and their professional body, and the clinic. Only a signed note:
 * a letter must not quote a draft that may still change (rule_broken otherwise).
 */
export async function letterText(
  db: Kysely<DB>,
  clinic: ClinicSettings,
  note: Note,
  templateId: number,
  now: Date,
): Promise<{ name: string; text: string; empty: LetterPlaceholder[] }> {
  if (!note.signed) {
    throw new DomainError('rule_broken', 'Sign the note first: a letter quotes a signed note.')
  }
  const template = await db
    .selectFrom('letter_templates')
    .select(['name', 'body'])
    .where('id', '=', templateId)
    .executeTakeFirst()
  if (!template) throw new DomainError('not_found', 'No such letter template.')
  const client = await db
    .selectFrom('clients')
    .selectAll()
    .where('id', '=', note.clientId)
    .executeTakeFirstOrThrow()
  const row = await db
    .selectFrom('notes')
    .leftJoin('therapists', 'therapists.id', 'notes.therapist_id')
    .select([
      'therapists.professional_body',
      'therapists.membership_number',
      'therapists.qualification',
    ])
    .where('notes.id', '=', note.id)
    .executeTakeFirstOrThrow()
  const local = (iso: string) => format(new TZDate(iso, clinic.timeZone), 'd MMMM yyyy')
  const s = note.sections
  const values: Record<LetterPlaceholder, string> = {
    'client.name': displayNameOf(client),
    'client.dateOfBirth': client.date_of_birth
      ? format(parseISO(client.date_of_birth), 'd MMMM yyyy')
      : '',
    'client.address': [client.address.replace(/\n/g, ', '), client.postcode]
      .filter(Boolean)
      .join(', '),
    'gp.name': client.gp_name,
    'gp.practice': client.gp_practice,
    'gp.address': client.gp_address,
    'note.date': local(note.sessionAt),
    'note.findings': [s['objective'], s['assessment']].filter((x) => x?.trim()).join('\n'),
    'note.plan': s['plan']?.trim() || note.nextSession,
    'note.painBefore': note.painBefore === null ? '–' : String(note.painBefore),
    'note.painAfter': note.painAfter === null ? '–' : String(note.painAfter),
    'therapist.name': note.therapistName ?? note.author.name,
    'therapist.body': [
      row.professional_body,
      row.membership_number && `no. ${row.membership_number}`,
    ]
      .filter(Boolean)
      .join(', '),
    'therapist.qualification': row.qualification ?? '',
    'clinic.name': clinic.clinicName,
    'clinic.phone': clinic.phone,
    today: local(now.toISOString()),
  }
  const { text, empty } = fillLetter(template.body, values)
  return { name: template.name, text, empty }
}

/** The letter as an A4 PDF on the clinic's letterhead (DejaVu Sans: names print as typed). */
export async function letterPdf(
  clinic: ClinicSettings,
  title: string,
  text: string,
): Promise<Uint8Array> {
  const { doc, w } = await clinicDocument(clinic, title, title, `${clinic.clinicName} · ${title}`)
  w.gap(6)
  w.text(text, { size: 11 })
  return doc.save()
}

/**
 * Writes a letter from a signed note the caller may read, with one of the owner's templates,
 * and keeps a copy on the client's record. Errors: as readableNote and letterText.
 */
export async function makeLetter(
  db: Kysely<DB>,
  attachmentsDir: string,
  actor: Actor,
  input: { noteId: number; templateId: number },
  now: Date,
): Promise<KeptPdf & { clientId: number; empty: string[] }> {
  const { note } = await readableNote(db, actor, input.noteId)
  const clinic = await getClinicSettings(db)
  const { name, text, empty } = await letterText(db, clinic, note, input.templateId, now)
  const bytes = await letterPdf(clinic, name, text)
  const day = format(new TZDate(now, clinic.timeZone), 'yyyy-MM-dd')
  const kept = await keepClientDocument(
    db,
    attachmentsDir,
    actor,
    {
      clientId: note.clientId,
      kind: 'letter',
      title: `${name}, ${day}`,
      filename: `${name} ${note.clientName} ${day}.pdf`,
      bytes,
      noteId: input.noteId,
    },
    now,
  )
  return { ...kept, clientId: note.clientId, empty: empty.map((e) => LETTER_PLACEHOLDERS[e]) }
}
