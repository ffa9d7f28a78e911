import type { Kysely } from 'kysely'
import type { MethodName } from '../../shared/contract'
import type { NetworkStatus } from '../../shared/contract/network'
import type { DB } from '../db/schema'
import type { Actor } from '../services/actor'
import type { AuditEntry } from '../services/audit'
import type { BackupService } from '../services/backups/backup-service'
import type { ImportService } from '../services/portability/import-service'
import type { SecretBox } from '../services/messages/secret-box'
import type { HandoverState } from '../services/measures/handover'

/** Who is calling: the member of staff signed in on this window or browser tab (see Actor). */
export type Session = Actor

/**
 * The caller's window (or browser tab) as the auth handlers see it: sign-in starts a
 * session on it, lock hides it, sign-out ends it. Other handlers never touch it.
 */
export interface ConnectionControl {
  /** The signed-in member of staff, also while the screen is locked. */
  readonly user: Session | null
  readonly locked: boolean
  /** Audit rows of this connection's calls name this computer; unset: the host's own name. */
  readonly workstation?: string
  begin(session: Session): void
  end(): void
  lock(): void
  unlock(): void
  /**
   * A measure handed to the client on this screen, or null. While one is set, the router
   * answers only the handover's own methods (rpc/handover-gate.ts), whoever is signed in.
   */
  readonly handover: Handover | null
  beginHandover(handover: Handover): void
  endHandover(): void
  /**
   * True the first time `key` is noted in this sign-in, false after: for audit lines that
   * say "viewed" once per session rather than on every refetch. Signing in anew forgets.
   */
  firstInSession(key: string): boolean
}

/**
 * A form handed to the client (issue 18; services/measures/handover.ts), held in memory on
 * the connection that handed it: it ends with the app, and its draft (the client's answers
 * so far, health data) never reaches the database until the client sends it.
 */
export type Handover = HandoverState

/** What a handler gets: the command's own transaction, the caller and the clock. */
export interface HandlerContext {
  /** The contract method being run: the default audit action (see handlers/audited.ts). */
  method: MethodName
  db: Kysely<DB>
  session: Session | null
  now: Date
  /**
   * Appends to the audit log inside this command's transaction, as the caller. Handlers do
   * not call it: they declare their entries with `audited()` (a unit test holds this).
   */
  audit(entry: AuditEntry): Promise<void>
  /**
   * Runs once the command's transaction has committed, never if it rolls back: for files
   * outside the database (removing an attachment must not happen for a change undone).
   */
  afterCommit(work: () => void): void
  /** Present when the call came through a window (Electron or the loopback adapter). */
  connection: ConnectionControl | null
  /**
   * Work that must not run inside this command's transaction (backups, restore): handlers
   * start it here and return; it runs after the command has committed.
   */
  core: CoreServices
}

export interface CoreServices {
  backups: BackupService
  /** Where note attachments are stored by content hash (beside the database file). */
  attachmentsDir: string
  imports: ImportService
  /** Sharing the clinic with desks on the network (issue 15). */
  network: NetworkControl
  /** After an erasure has committed: leaves no erased page in the WAL (see LiveDatabase). */
  truncateWal(): void
  /**
   * The clinic's printed recovery key (`ABCD-EFGH-…`), for the owner to print again; null
   * when the clinic file is not encrypted. Never logged, never in the audit.
   */
  recoveryKey(): string | null
  /** The outbox's sender (issue 16): seals secrets, sends test e-mails, is nudged. */
  messages: MessagesControl
}

/** What the messages handlers may do with the host's sender; see services/messages/sender.ts. */
export interface MessagesControl {
  /** Seals the SMTP password and SMS token before they are stored. */
  box: SecretBox
  /** Look for due messages now (after commit). */
  nudge(): void
  /** Whether the last attempt reached a server, and the last problem in words. */
  status(): { offline: boolean | null; lastProblem: string | null }
  /** Sends a test e-mail with the stored settings straight away (not through the outbox). */
  sendTestEmail(db: Kysely<DB>, to: string): Promise<{ ok: boolean; message: string }>
}

/** What the network handlers may do with the host's desk link; see link/desk-host.ts. */
export interface NetworkControl {
  /** Stored settings (read through `db`) plus the live server state and pairing code. */
  status(db: Kysely<DB>): Promise<NetworkStatus>
  /** Starts or stops the TLS server to match the stored settings; run after commit. */
  apply(): void
  /** Shows a new pairing code (replacing any other); the owner reads it off the screen. */
  issuePairingCode(): void
  /** Closes a revoked desk's open event streams and forgets its session. */
  forget(deskId: number): void
}
