export const ROLES = ['owner', 'reception', 'therapist'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  reception: 'Reception',
  therapist: 'Therapist',
}
