import type { PaymentRow } from '../money/PaymentRows'
import type { DiaryView } from './visible-range'

// Where someone was in the diary, in this window's memory. Locking the screen (Ctrl+L, or the
// idle lock while a client looks for their card) unmounts every screen: a user trial came back
// to today's diary with the appointment, the Take payment dialog and the £25 typed all gone.
// Nothing here is health data (a day, a view, an appointment id, amounts typed at the till),
// so it stays across the lock as client-form drafts do (client-drafts.ts). It belongs to who
// typed it (dropped when someone else signs in) and goes stale after an hour, so a diary left
// locked overnight opens on the new day.

const FRESH_MS = 60 * 60_000

interface Kept {
  date: Date | null
  view: DiaryView | null
  /** The appointment whose dialog was open. */
  openId: number | null
  /** The appointment whose Take payment dialog was open. */
  paying: number | null
  at: number
}

const EMPTY: Kept = { date: null, view: null, openId: null, paying: null, at: 0 }
let kept: Kept = EMPTY
const tills = new Map<number, PaymentRow[]>()
let keptFor: number | null = null

/** Drops what another person left; call with the signed-in user's id before reading. */
export function claimDiary(userId: number | null): void {
  if (userId === keptFor) return
  kept = EMPTY
  tills.clear()
  keptFor = userId
}

/** What was kept, or nothing once it is over an hour old. */
export function keptDiary(now = Date.now()): Kept {
  return now - kept.at < FRESH_MS ? kept : EMPTY
}

export function keepDiary(part: Partial<Omit<Kept, 'at'>>, now = Date.now()): void {
  kept = { ...keptDiary(now), ...part, at: now }
}

/** The amounts typed in an appointment's Take payment dialog, if it was left open. */
export const keptTill = (appointmentId: number): PaymentRow[] | null =>
  tills.get(appointmentId) ?? null

/** Keeps (or, with null, forgets: paid or closed) the till's rows for an appointment. */
export function keepTill(appointmentId: number, rows: PaymentRow[] | null): void {
  if (rows) tills.set(appointmentId, rows)
  else tills.delete(appointmentId)
}
