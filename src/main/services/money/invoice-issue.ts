import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { displayNameOf, requireLiveClient } from '../clients/client-record'
import { getClinicSettings } from '../settings'
import { utcToZoned } from '../diary/clinic-clock'
import { formatPence } from '../../../shared/money/pounds'
import { DomainError } from '../domain-error'
import { recomputeDraft } from './invoice-drafts'
import { formatDocumentNumber, getMoneySettings, type MoneyActor } from './money-settings'

/**
 * The next number in a sequence: one more than the highest used, or the first number.
 * Taken inside the command's transaction, which SQLite runs one at a time, so two issues
 * never get the same number, and a command that rolls back leaves no gap (nothing but the
 * issued row itself records the number). The unique index on number_seq is the backstop.
 */
async function nextSeq(
  db: Kysely<DB>,
  table: 'invoices' | 'credit_notes',
  first: number,
): Promise<number> {
  // The WHERE lets SQLite answer from the end of the partial unique index on number_seq
  // instead of scanning every invoice (measured: ~100 ms at 200,000 invoices without it).
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('number_seq').as('top'))
    .where('number_seq', 'is not', null)
    .executeTakeFirst()
  const top = row?.top ?? null
  return top === null ? first : top + 1
}

/**
 * Issues a draft: works out its VAT with today's settings, fixes who it is addressed to,
 * and gives it the next number with the clinic's prefix (INV-000123). From then on the
 * database refuses any change to it (migration 0800). `savedJustNow`: the draft was saved
 * earlier in this same command (checkout), so its VAT is already today's and is not worked
 * out twice.
 */
export async function issueInvoice(
  db: Kysely<DB>,
  id: number,
  actor: MoneyActor,
  now: Date,
  { savedJustNow = false } = {},
): Promise<{ number: string; grossPence: number; clientId: number }> {
  const inv = await db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst()
  if (!inv) throw new DomainError('not_found', 'No such invoice.')
  if (inv.status !== 'draft') {
    throw new DomainError('conflict', `This invoice is already issued as ${inv.number}.`)
  }
  const lines = await db
    .selectFrom('invoice_lines')
    .select('id')
    .where('invoice_id', '=', id)
    .limit(1)
    .execute()
  if (lines.length === 0) throw new DomainError('rule_broken', 'Add at least one line first.')
  const client = await requireLiveClient(db, inv.client_id)
  if (!savedJustNow) await recomputeDraft(db, id)

  const settings = await getMoneySettings(db)
  const { timeZone } = await getClinicSettings(db)
  const seq = await nextSeq(db, 'invoices', settings.firstInvoiceNumber)
  const number = formatDocumentNumber(settings.invoicePrefix, settings.numberDigits, seq)
  const clientName = displayNameOf(client)
  const address = [client.address, client.postcode].filter((p) => p.trim() !== '').join('\n')
  const row = await db
    .updateTable('invoices')
    .set({
      status: 'issued',
      number_seq: seq,
      number,
      issued_at: now.toISOString(),
      issued_by: actor.userId,
      issued_by_name: actor.name,
      tax_point: utcToZoned(now.getTime(), timeZone).date,
      client_name: clientName,
      ...(inv.bill_to === 'client' ? { bill_to_name: clientName, bill_to_address: address } : {}),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .returning(['gross_pence'])
    .executeTakeFirstOrThrow()
  return { number, grossPence: row.gross_pence, clientId: inv.client_id }
}

/**
 * A numbered credit note against an issued invoice, for at most what is not yet credited.
 * Its VAT is the invoice's VAT in proportion (half-up to the penny), so a full credit
 * cancels the invoice's VAT exactly.
 */
export async function issueCreditNote(
  db: Kysely<DB>,
  input: { invoiceId: number; amountPence: number; reason: string },
  actor: MoneyActor,
  now: Date,
): Promise<{ number: string; clientId: number; invoiceNumber: string }> {
  const inv = await db
    .selectFrom('invoices')
    .selectAll()
    .where('id', '=', input.invoiceId)
    .executeTakeFirst()
  if (!inv) throw new DomainError('not_found', 'No such invoice.')
  if (inv.status !== 'issued') {
    throw new DomainError(
      'conflict',
      'A draft can simply be changed; credit notes are for issued invoices.',
    )
  }
  const credited = await db
    .selectFrom('credit_notes')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('gross_pence'), eb.lit(0)).as('sum'))
    .where('invoice_id', '=', inv.id)
    .executeTakeFirstOrThrow()
  const open = inv.gross_pence - Number(credited.sum)
  if (input.amountPence > open) {
    throw new DomainError(
      'rule_broken',
      `At most ${formatPence(open)} is left to credit on ${inv.number}.`,
      [{ path: 'amountPence', message: `At most ${formatPence(open)}` }],
    )
  }
  const vat =
    inv.gross_pence === 0
      ? 0
      : input.amountPence === open
        ? inv.vat_pence - Number(await creditedVat(db, inv.id))
        : Math.floor(
            (2 * input.amountPence * inv.vat_pence + inv.gross_pence) / (2 * inv.gross_pence),
          )
  const settings = await getMoneySettings(db)
  const seq = await nextSeq(db, 'credit_notes', 1)
  const number = formatDocumentNumber(settings.creditNotePrefix, settings.numberDigits, seq)
  await db
    .insertInto('credit_notes')
    .values({
      invoice_id: inv.id,
      client_id: inv.client_id,
      number_seq: seq,
      number,
      issued_at: now.toISOString(),
      issued_by: actor.userId,
      issued_by_name: actor.name,
      reason: input.reason,
      net_pence: input.amountPence - vat,
      vat_pence: vat,
      gross_pence: input.amountPence,
    })
    .execute()
  return { number, clientId: inv.client_id, invoiceNumber: inv.number! }
}

async function creditedVat(db: Kysely<DB>, invoiceId: number): Promise<number> {
  const r = await db
    .selectFrom('credit_notes')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('vat_pence'), eb.lit(0)).as('sum'))
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirstOrThrow()
  return Number(r.sum)
}
