export const ROLES = ['owner', 'reception', 'therapist'] as const
export type Role = (typeof ROLES)[number]

/** Every member of staff, whatever their role: the `roles` of methods anyone signed in may call. */
export const ALL_STAFF = ROLES

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  reception: 'Reception',
  therapist: 'Therapist',
}

/** What each role may do, in a line: shown beside the role wherever an account's role is chosen. */
export const ROLE_HINTS: Record<Role, string> = {
  owner: 'Everything, including staff accounts, settings, takings and the audit log',
  reception: 'Diary, clients and payments; cannot read treatment notes',
  therapist: 'Diary and clients, and writes and reads treatment notes',
}
