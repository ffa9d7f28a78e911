import type { Actor } from '../actor'
import { DomainError } from '../domain-error'

/**
 * Who may read a note's content. Reception never may (they see that a note exists); the
 * owner always may; a therapist may unless the owner has set "only a note's author", in
 * which case only their own. Enforced here in main: the screens only follow it.
 */
export function canReadNote(
  session: Actor | null,
  authorUserId: number,
  authorOnly: boolean,
): boolean {
  if (!session) return false
  if (session.role === 'owner') return true
  if (session.role !== 'therapist') return false
  return !authorOnly || session.userId === authorUserId
}

export function assertCanRead(
  session: Actor | null,
  authorUserId: number,
  authorOnly: boolean,
): void {
  if (!canReadNote(session, authorUserId, authorOnly)) {
    throw new DomainError('forbidden', 'Only the note’s author and the owner may read this note.')
  }
}

/** A draft is written by one person: only its author changes, signs or discards it. */
export function assertAuthor(session: Actor | null, authorUserId: number): void {
  if (!session || session.userId !== authorUserId) {
    throw new DomainError('forbidden', 'Only the person who started this note can change it.')
  }
}
