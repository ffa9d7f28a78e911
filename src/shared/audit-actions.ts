/**
 * The audit screen's action filters. An entry's action is the contract method that wrote it
 * (`clients.addAlert`), or an event named in that method's domain (`notes.opened`,
 * `auth.signInFailed`); see src/main/rpc/handlers/audited.ts.
 *
 * Entries written before 29 November 2026 used older singular names (`client.alert-add`,
 * `note.open`). The audit log is append-only (migration 0020 forbids UPDATE), so those rows
 * keep their names; each group lists both spellings, the older ones under `legacy`.
 */
export interface AuditActionGroup {
  /** What the filter sends as `action`. */
  key: string
  label: string
  /** Action prefixes (a trailing '.' for a whole domain) or whole action names. */
  actions: readonly string[]
  legacy: readonly string[]
}

export const AUDIT_ACTION_GROUPS: readonly AuditActionGroup[] = [
  { key: 'group:auth', label: 'Sign-in, lock and sign-out', actions: ['auth.'], legacy: [] },
  {
    key: 'group:failed-sign-in',
    label: 'Failed sign-ins',
    actions: [
      'auth.signInFailed',
      'auth.unlockFailed',
      'auth.takeBackFailed',
      'auth.accountLocked',
    ],
    legacy: ['auth.sign-in-failed', 'auth.unlock-failed', 'auth.account-locked'],
  },
  { key: 'group:staff', label: 'Staff accounts', actions: ['users.'], legacy: ['user.'] },
  {
    key: 'group:settings',
    label: 'Settings',
    actions: ['settings.', 'security.', 'clinicHours.', 'backups.updateSettings'],
    legacy: ['clinic-hours.', 'backups.settings'],
  },
  {
    key: 'group:clients',
    label: 'Clients',
    actions: ['clients.', 'handover.', 'retention.anonymise', 'retention.delete'],
    legacy: ['client.', 'client-settings.'],
  },
  {
    key: 'group:diary',
    label: 'Appointments',
    actions: ['diary.', 'waitlist.'],
    legacy: ['appointment.'],
  },
  {
    key: 'group:notes',
    label: 'Treatment notes',
    actions: ['notes.'],
    legacy: ['note.', 'note-template.'],
  },
  {
    key: 'group:money',
    label: 'Money',
    actions: [
      'invoices.',
      'payments.',
      'creditNotes.',
      'cashUp.',
      'vouchers.',
      'packages.',
      'products.',
      'money.',
    ],
    legacy: [
      'invoice.',
      'payment.',
      'credit-note.',
      'cash-up.',
      'voucher.',
      'package.',
      'package-type.',
      'product.',
    ],
  },
  {
    key: 'group:exports',
    label: 'Exports and printouts',
    actions: [
      'audit.exportCsv',
      'exports.',
      'gdpr.',
      'notes.exportPdf',
      'diary.daySheetPdf',
      'invoices.pdf',
    ],
    legacy: ['audit.export', 'export.', 'gdpr.', 'note.export', 'diary.day-sheet-pdf'],
  },
]

/** The action patterns a filter value stands for: a group's names, or the value as a prefix. */
export function auditActionPatterns(filter: string): string[] {
  const group = AUDIT_ACTION_GROUPS.find((g) => g.key === filter)
  return group ? [...group.actions, ...group.legacy] : [filter]
}
