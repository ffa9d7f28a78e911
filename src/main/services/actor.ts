import type { Role } from '../../shared/roles'

/**
 * Who is doing something: a signed-in member of staff. Services take it to stamp rows
 * (`created_by`, a consent's "given by"), to apply rules that depend on the role, and to name
 * the author of a note. The router's session is this same type (rpc/context.ts `Session`);
 * the audit log's author (services/audit.ts AuditActor) adds the computer's name and may be
 * the clinic itself (automatic backups), so it is kept apart.
 */
export interface Actor {
  userId: number
  username: string
  /** The name staff see ("Sam Jones"): written beside their id where a name is kept. */
  displayName: string
  role: Role
  /** Set after an owner's reset: nothing but changing the password is allowed. */
  mustChangePassword?: boolean
}
