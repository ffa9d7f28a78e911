import { sql, type Kysely } from 'kysely'

/**
 * Balances kept beside the ledger, so the outstanding list and a client's balance do not sum
 * every entry on each call (issue 13 budgets: at 200,000 invoices the outstanding list took
 * ~200 ms idle, ~700 ms on a loaded machine, with two correlated sums per issued invoice).
 *
 * The ledger, the credit notes and the invoices stay the source of truth. These two tables
 * are a summary of them, written only by the triggers below, in the same statement (so the
 * same transaction) as the row that changes them; a failed command rolls both back. The rule
 * is the ledger's (src/main/services/money/ledger.ts):
 *   an issued invoice's due = gross - sum of its credit notes - sum of its entries;
 *   a client owes           = sum over their issued invoices of max(due, 0);
 *   a client's credit       = their entries without an invoice
 *                             - their account-credit entries on invoices.
 * tests/integration/money-balances.test.ts checks, over random sequences of commands and
 * merges, that the summary always equals these sums worked out afresh.
 *
 * Merges move invoices and entries between records (UPDATE OF client_id): the balances
 * follow. No foreign keys: these rows are not records of their own but a summary of rows
 * that have them (a merge's footprint and the clinic's tables list read foreign keys to find
 * what belongs to a record). Drafts have no row: one is made when the invoice is issued, from what is already
 * on it. SQLite-only trigger syntax; a Postgres port would use plpgsql triggers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE invoice_balances (
    invoice_id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL,
    issued_at TEXT NOT NULL,
    gross_pence INTEGER NOT NULL,
    credited_pence INTEGER NOT NULL,
    paid_pence INTEGER NOT NULL,
    due_pence INTEGER NOT NULL,
    CHECK (due_pence = gross_pence - credited_pence - paid_pence)
  )`.execute(db)
  // The outstanding list, oldest first, and its ageing totals read only this index
  // (covering: issued_at and due_pence are in it), so they cost what is owed, not what
  // was ever invoiced.
  await sql`CREATE INDEX invoice_balances_outstanding
            ON invoice_balances (issued_at, invoice_id, due_pence) WHERE due_pence > 0`.execute(db)
  await sql`CREATE INDEX invoice_balances_client_open
            ON invoice_balances (client_id, issued_at) WHERE due_pence > 0`.execute(db)

  await sql`CREATE TABLE client_balances (
    client_id INTEGER PRIMARY KEY,
    owes_pence INTEGER NOT NULL DEFAULT 0,
    credit_pence INTEGER NOT NULL DEFAULT 0
  )`.execute(db)

  await sql`
    INSERT INTO invoice_balances
      (invoice_id, client_id, issued_at, gross_pence, credited_pence, paid_pence, due_pence)
    SELECT i.id, i.client_id, i.issued_at, i.gross_pence, coalesce(c.s, 0), coalesce(p.s, 0),
           i.gross_pence - coalesce(c.s, 0) - coalesce(p.s, 0)
    FROM invoices i
    LEFT JOIN (SELECT invoice_id, sum(gross_pence) AS s FROM credit_notes GROUP BY invoice_id) c
      ON c.invoice_id = i.id
    LEFT JOIN (SELECT invoice_id, sum(amount_pence) AS s FROM ledger_entries
               WHERE invoice_id IS NOT NULL GROUP BY invoice_id) p
      ON p.invoice_id = i.id
    WHERE i.status = 'issued'`.execute(db)
  await sql`
    INSERT INTO client_balances (client_id, owes_pence, credit_pence)
    SELECT client_id, sum(owes), sum(credit) FROM (
      SELECT client_id, max(due_pence, 0) AS owes, 0 AS credit FROM invoice_balances
      UNION ALL
      SELECT e.client_id, 0,
             CASE WHEN e.invoice_id IS NULL THEN e.amount_pence
                  WHEN m.kind = 'account_credit' THEN -e.amount_pence ELSE 0 END
      FROM ledger_entries e JOIN payment_methods m ON m.id = e.method_id)
    GROUP BY client_id`.execute(db)

  await triggers(db)
}

/** owes(client) += amount, made or added to. */
const addOwes = (client: string, amount: string) => `
  INSERT INTO client_balances (client_id, owes_pence) VALUES (${client}, ${amount})
  ON CONFLICT (client_id) DO UPDATE SET owes_pence = owes_pence + excluded.owes_pence;`

/** credit(client) += amount, made or added to. */
const addCredit = (client: string, amount: string) => `
  INSERT INTO client_balances (client_id, credit_pence) VALUES (${client}, ${amount})
  ON CONFLICT (client_id) DO UPDATE SET credit_pence = credit_pence + excluded.credit_pence;`

/** Whether a ledger row moves the client's account credit, and by how much. */
const touchesCredit = (row: string) =>
  `(${row}.invoice_id IS NULL OR ${row}.method_id =
     (SELECT id FROM payment_methods WHERE kind = 'account_credit'))`
const creditDelta = (row: string) =>
  `(CASE WHEN ${row}.invoice_id IS NULL THEN ${row}.amount_pence ELSE -${row}.amount_pence END)`

const issuedRow = `
  INSERT INTO invoice_balances
    (invoice_id, client_id, issued_at, gross_pence, credited_pence, paid_pence, due_pence)
  SELECT NEW.id, NEW.client_id, NEW.issued_at, NEW.gross_pence, c, p, NEW.gross_pence - c - p
  FROM (SELECT
    (SELECT coalesce(sum(gross_pence), 0) FROM credit_notes WHERE invoice_id = NEW.id) AS c,
    (SELECT coalesce(sum(amount_pence), 0) FROM ledger_entries WHERE invoice_id = NEW.id) AS p);`

async function triggers(db: Kysely<unknown>): Promise<void> {
  const statements = [
    // An invoice is issued (services issue a draft; an import might insert it issued).
    `CREATE TRIGGER balances_invoice_issued AFTER UPDATE OF status ON invoices
     WHEN OLD.status = 'draft' AND NEW.status = 'issued'
     BEGIN ${issuedRow} END`,
    `CREATE TRIGGER balances_invoice_inserted_issued AFTER INSERT ON invoices
     WHEN NEW.status = 'issued'
     BEGIN ${issuedRow} END`,
    // What an invoice adds to what its client owes, whenever its due or its client changes.
    `CREATE TRIGGER balances_owes_insert AFTER INSERT ON invoice_balances
     BEGIN ${addOwes('NEW.client_id', 'max(NEW.due_pence, 0)')} END`,
    `CREATE TRIGGER balances_owes_update AFTER UPDATE ON invoice_balances
     WHEN OLD.client_id IS NOT NEW.client_id OR max(OLD.due_pence, 0) <> max(NEW.due_pence, 0)
     BEGIN
       ${addOwes('OLD.client_id', '-max(OLD.due_pence, 0)')}
       ${addOwes('NEW.client_id', 'max(NEW.due_pence, 0)')}
     END`,
    // Money moved on an invoice, or to or from the client's credit.
    `CREATE TRIGGER balances_ledger_invoice AFTER INSERT ON ledger_entries
     WHEN NEW.invoice_id IS NOT NULL
     BEGIN
       UPDATE invoice_balances SET paid_pence = paid_pence + NEW.amount_pence,
         due_pence = due_pence - NEW.amount_pence
       WHERE invoice_id = NEW.invoice_id;
     END`,
    `CREATE TRIGGER balances_ledger_credit AFTER INSERT ON ledger_entries
     WHEN ${touchesCredit('NEW')}
     BEGIN ${addCredit('NEW.client_id', creditDelta('NEW'))} END`,
    `CREATE TRIGGER balances_credit_note AFTER INSERT ON credit_notes
     BEGIN
       UPDATE invoice_balances SET credited_pence = credited_pence + NEW.gross_pence,
         due_pence = due_pence - NEW.gross_pence
       WHERE invoice_id = NEW.invoice_id;
     END`,
    // A merge (and its undo) moves invoices and entries between records.
    `CREATE TRIGGER balances_invoice_moved AFTER UPDATE OF client_id ON invoices
     WHEN OLD.client_id IS NOT NEW.client_id
     BEGIN UPDATE invoice_balances SET client_id = NEW.client_id WHERE invoice_id = NEW.id; END`,
    `CREATE TRIGGER balances_ledger_moved AFTER UPDATE OF client_id ON ledger_entries
     WHEN OLD.client_id IS NOT NEW.client_id AND ${touchesCredit('NEW')}
     BEGIN
       ${addCredit('OLD.client_id', `-${creditDelta('OLD')}`)}
       ${addCredit('NEW.client_id', creditDelta('NEW'))}
     END`,
    // The rule above reads the account-credit method by its kind: that kind stays put.
    `CREATE TRIGGER payment_methods_credit_kind_fixed BEFORE UPDATE OF kind ON payment_methods
     WHEN OLD.kind IS NOT NEW.kind AND 'account_credit' IN (OLD.kind, NEW.kind)
     BEGIN SELECT RAISE(ABORT, 'the account-credit method cannot change its kind'); END`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db)
}
