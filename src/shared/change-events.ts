/**
 * What the host tells every window and desk after a command that changed the clinic's data
 * has committed, so each can refetch what it shows (issue 15: a booking at one desk is in
 * every other desk's diary within a second). It names the method, never the data: nothing
 * about a client travels in an event.
 */
export interface ChangeEvent {
  /** Increases by one per event on this host; a gap tells a desk it missed some. */
  seq: number
  /** The contract method that committed, e.g. "diary.book". */
  method: string
  /** ISO instant of the commit. */
  at: string
}

// The verbs of the contract's reading methods. Anything else that succeeds may have
// changed something. Reads must never raise events: a desk refetches on an event, and a
// read that raised one would start an endless refetch loop between desks.
// The money and package reads (account, outstanding, methods...) were missing, so two windows
// on the Money screens refetched each other without end.
const READ_VERB =
  /^(get|list|search|status|settings|job|health|range|nextAvailable|daySheet|daySheetPdf|duplicates|appointments|timeline|templates|listForClient|forAppointment|forAppointments|forClient|unsigned|progress|exportPdf|exportCsv|pdf|attachment|open|check|batches|heartbeat|subjectAccess|clinic|account|outstanding|methods|practitioners|serviceVatRates|serviceUsage|types|day)$/

// Reads whose verb is not a read verb everywhere: `imports.run` writes a whole import, so
// neither `run` nor `rows` joins the verbs.
const READ_METHODS = new Set([
  'reports.rows',
  'reports.access',
  'messages.outbox',
  'messages.clientHistory',
  'handover.form',
  'encryption.recoveryKeyStatus',
])

// Change only the caller's own screen (a form handed to a client, held in memory on that
// connection), nothing another desk shows; sending the client's answers is a change.
const OWN_SCREEN_METHODS = new Set(['handover.start', 'handover.saveDraft', 'handover.end'])

/** True when a successful call of `method` may have changed what other desks show. */
export function isChangeMethod(method: string): boolean {
  if (method.startsWith('auth.') || method.startsWith('network.')) return false
  if (READ_METHODS.has(method) || OWN_SCREEN_METHODS.has(method)) return false
  const verb = method.slice(method.lastIndexOf('.') + 1)
  return !READ_VERB.test(verb)
}

/** How a desk's link to its host stands, for the renderer's banner. */
export type LinkState = 'connected' | 'reconnecting' | 'not_paired' | 'version_mismatch'

/** What main pushes to the renderer: a change to refetch for, or the desk link's state. */
export type PushMessage =
  { type: 'change'; event: ChangeEvent } | { type: 'link'; state: LinkState; detail: string | null }
