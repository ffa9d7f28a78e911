import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, methodNames, type MethodName } from '../../src/shared/contract'
import type { Access } from '../../src/shared/contract/define'
import { ROLES, type Role } from '../../src/shared/roles'
import { aClinicWithAnArrival, anIssuedInvoice } from '../fixtures/money'
import { aNote } from '../fixtures/notes'
import { aSession, openTempCore } from '../fixtures/temp-core'
import { validInputOf } from '../fixtures/valid-inputs'

/**
 * Who may call what, written out by hand. Typed over every method name, so a new method
 * that is not given a line here fails the typecheck, and a changed role fails the test.
 */
const EXPECTED: Record<MethodName, Access> = {
  'settings.get': ['owner', 'reception', 'therapist'],
  'settings.update': ['owner'],
  'auth.status': 'public',
  'auth.setupOwner': 'public',
  'auth.signIn': 'public',
  'auth.unlock': 'public',
  'auth.lock': ['owner', 'reception', 'therapist'],
  'auth.heartbeat': ['owner', 'reception', 'therapist'],
  'auth.signOut': ['owner', 'reception', 'therapist'],
  'auth.changePassword': ['owner', 'reception', 'therapist'],
  'auth.setPin': ['owner', 'reception', 'therapist'],
  'users.list': ['owner'],
  'users.create': ['owner'],
  'users.update': ['owner'],
  'users.resetPassword': ['owner'],
  'security.get': ['owner'],
  'security.update': ['owner'],
  'audit.list': ['owner'],
  'audit.exportCsv': ['owner'],
  'backups.list': ['owner'],
  'backups.settings': ['owner'],
  'backups.updateSettings': ['owner'],
  'backups.create': ['owner'],
  'backups.restore': ['owner'],
  'backups.job': ['owner'],
  'backups.health': ['owner', 'reception', 'therapist'],
  'imports.open': ['owner'],
  'imports.check': ['owner'],
  'imports.run': ['owner'],
  'imports.job': ['owner'],
  'imports.batches': ['owner'],
  'imports.undo': ['owner'],
  'exports.clinic': ['owner'],
  'gdpr.subjectAccess': ['owner'],
  'retention.list': ['owner'],
  'retention.updateSettings': ['owner'],
  'retention.anonymise': ['owner'],
  'retention.delete': ['owner'],
  'network.status': ['owner'],
  'network.share': ['owner'],
  'network.newPairingCode': ['owner'],
  'network.desks': ['owner'],
  'network.renameDesk': ['owner'],
  'network.revokeDesk': ['owner'],
  'encryption.recoveryKey': ['owner'],
  'encryption.recoveryKeyKept': ['owner'],
  'encryption.recoveryKeyStatus': ['owner'],
  'messages.settings': ['owner'],
  'messages.saveSettings': ['owner'],
  'messages.sendTestEmail': ['owner'],
  'messages.templates': ['owner'],
  'messages.saveTemplate': ['owner'],
  'messages.resetTemplate': ['owner'],
  'messages.saveAftercare': ['owner'],
  'messages.outbox': ['owner', 'reception'],
  'messages.status': ['owner', 'reception', 'therapist'],
  'messages.sendNow': ['owner', 'reception'],
  'messages.skip': ['owner', 'reception'],
  'messages.retry': ['owner', 'reception'],
  'messages.clientHistory': ['owner', 'reception', 'therapist'],
  'messages.setClientPreferences': ['owner', 'reception'],
  'clients.search': ['owner', 'reception', 'therapist'],
  'clients.get': ['owner', 'reception', 'therapist'],
  'clients.duplicates': ['owner', 'reception', 'therapist'],
  'clients.create': ['owner', 'reception', 'therapist'],
  'clients.update': ['owner', 'reception', 'therapist'],
  'clients.archive': ['owner', 'reception'],
  'clients.unarchive': ['owner', 'reception'],
  'clients.addAlert': ['owner', 'reception', 'therapist'],
  'clients.removeAlert': ['owner', 'reception', 'therapist'],
  'clients.acknowledgeAlerts': ['owner', 'reception', 'therapist'],
  'clients.saveQuestionnaire': ['owner', 'reception', 'therapist'],
  'clients.timeline': ['owner', 'reception', 'therapist'],
  'clients.appointments': ['owner', 'reception', 'therapist'],
  'clients.settings': ['owner', 'reception', 'therapist'],
  'clients.updateSettings': ['owner'],
  'clients.merge': ['owner'],
  'clients.undoMerge': ['owner'],
  'therapists.list': ['owner', 'reception', 'therapist'],
  'therapists.create': ['owner'],
  'therapists.update': ['owner'],
  'therapists.addTimeOff': ['owner'],
  'therapists.removeTimeOff': ['owner'],
  'services.list': ['owner', 'reception', 'therapist'],
  'services.create': ['owner'],
  'services.update': ['owner'],
  'rooms.list': ['owner', 'reception', 'therapist'],
  'rooms.create': ['owner'],
  'rooms.update': ['owner'],
  'clinicHours.get': ['owner', 'reception', 'therapist'],
  'clinicHours.update': ['owner'],
  'diary.range': ['owner', 'reception', 'therapist'],
  'diary.nextAvailable': ['owner', 'reception', 'therapist'],
  'diary.serviceUsage': ['owner', 'reception', 'therapist'],
  'diary.daySheet': ['owner', 'reception', 'therapist'],
  'diary.daySheetPdf': ['owner', 'reception', 'therapist'],
  'diary.get': ['owner', 'reception', 'therapist'],
  'diary.book': ['owner', 'reception', 'therapist'],
  'diary.move': ['owner', 'reception', 'therapist'],
  'diary.setStatus': ['owner', 'reception', 'therapist'],
  'diary.cancel': ['owner', 'reception', 'therapist'],
  'diary.bookSeries': ['owner', 'reception', 'therapist'],
  'diary.moveSeries': ['owner', 'reception', 'therapist'],
  'waitlist.list': ['owner', 'reception', 'therapist'],
  'waitlist.add': ['owner', 'reception', 'therapist'],
  'waitlist.remove': ['owner', 'reception', 'therapist'],
  'notes.templates': ['owner', 'therapist'],
  'notes.saveTemplate': ['owner'],
  'notes.listForClient': ['owner', 'reception', 'therapist'],
  'notes.forAppointment': ['owner', 'reception', 'therapist'],
  'notes.get': ['owner', 'therapist'],
  'notes.start': ['owner', 'therapist'],
  'notes.saveDraft': ['owner', 'therapist'],
  'notes.sign': ['owner', 'therapist'],
  'notes.discardDraft': ['owner', 'therapist'],
  'notes.addAddendum': ['owner', 'therapist'],
  'notes.unsigned': ['owner', 'therapist'],
  'notes.search': ['owner', 'therapist'],
  'notes.progress': ['owner', 'therapist'],
  'measures.record': ['owner', 'therapist'],
  'measures.progress': ['owner', 'therapist'],
  // A form handed to the client: called through the session of whoever handed it over.
  'handover.start': ['owner', 'reception', 'therapist'],
  'handover.form': ['owner', 'reception', 'therapist'],
  'handover.saveDraft': ['owner', 'reception', 'therapist'],
  'handover.submit': ['owner', 'reception', 'therapist'],
  'handover.end': ['owner', 'reception', 'therapist'],
  'exercises.list': ['owner', 'therapist'],
  'exercises.save': ['owner'],
  'documents.aftercareSheet': ['owner', 'therapist'],
  'documents.list': ['owner', 'therapist'],
  'letters.templates': ['owner', 'therapist'],
  'letters.saveTemplate': ['owner'],
  'letters.make': ['owner', 'therapist'],
  'documents.get': ['owner', 'therapist'],
  'notes.exportPdf': ['owner', 'therapist'],
  'notes.addAttachment': ['owner', 'therapist'],
  'notes.deleteTemplate': ['owner'],
  'notes.attachment': ['owner', 'therapist'],
  'money.settings': ['owner', 'reception'],
  'money.updateSettings': ['owner'],
  'money.methods': ['owner', 'reception'],
  'money.account': ['owner', 'reception'],
  'money.outstanding': ['owner', 'reception'],
  'money.forAppointments': ['owner', 'reception', 'therapist'],
  'invoices.list': ['owner', 'reception'],
  'invoices.get': ['owner', 'reception'],
  'invoices.saveDraft': ['owner', 'reception'],
  'invoices.discardDraft': ['owner', 'reception'],
  'invoices.issue': ['owner', 'reception'],
  'invoices.checkout': ['owner', 'reception'],
  'invoices.chargeFee': ['owner', 'reception'],
  'invoices.pdf': ['owner', 'reception'],
  'payments.take': ['owner', 'reception'],
  'payments.refund': ['owner'],
  'payments.reverse': ['owner'],
  'creditNotes.issue': ['owner'],
  'cashUp.day': ['owner'],
  'money.saveMethod': ['owner'],
  'money.serviceVatRates': ['owner', 'reception'],
  'money.setServiceVatRate': ['owner'],
  'products.list': ['owner', 'reception'],
  'products.save': ['owner'],
  'money.practitioners': ['owner'],
  'money.savePractitioner': ['owner'],
  'vouchers.sell': ['owner', 'reception'],
  'vouchers.list': ['owner', 'reception'],
  'vouchers.pdf': ['owner', 'reception'],
  'cashUp.record': ['owner'],
  'packages.types': ['owner', 'reception'],
  'packages.saveType': ['owner'],
  'packages.sell': ['owner', 'reception'],
  'packages.forClient': ['owner', 'reception'],
  'packages.forAppointment': ['owner', 'reception'],
  'packages.use': ['owner', 'reception'],
  'packages.reverseUse': ['owner', 'reception'],
  'packages.refund': ['owner'],
  'reports.access': ['owner', 'therapist'],
  'reports.get': ['owner', 'therapist'],
  'reports.rows': ['owner', 'therapist'],
  'reports.exportCsv': ['owner', 'therapist'],
  'reports.settings': ['owner'],
  'reports.updateSettings': ['owner'],
  'reports.setCommissionRates': ['owner'],
}

/**
 * Where a role the contract lets in is still refused inside the handler, with the rule that
 * refuses it. Every other allowed call must get past both the role check and validation.
 */
const HANDLER_REFUSALS: Partial<Record<MethodName, { roles: Role[]; rule: string }>> = {
  // The sample input asks to override the booking rules (its `override` field is filled).
  'diary.book': {
    roles: ['reception', 'therapist'],
    rule: 'Only the owner can override the booking rules',
  },
  'diary.move': {
    roles: ['reception', 'therapist'],
    rule: 'Only the owner can override the booking rules',
  },
  // Therapists see their own figures only once the owner shares reports (off by default).
  'reports.get': { roles: ['therapist'], rule: 'The owner has not shared reports' },
  'reports.rows': { roles: ['therapist'], rule: 'The owner has not shared reports' },
  'reports.exportCsv': { roles: ['therapist'], rule: 'The owner has not shared reports' },
  // Client 1 has no appointment with the test therapist.
  'messages.clientHistory': {
    roles: ['therapist'],
    rule: 'Therapists see the messages of their own clients only',
  },
}

let core: Awaited<ReturnType<typeof openTempCore>>
beforeAll(async () => {
  core = await openTempCore({ now: () => new Date('2026-03-02T12:00:00Z') })
  // One of everything with id 1, so a sample input's ids name real records and a call gets
  // as far into its handler as it can: a client with an arrived appointment, an issued
  // invoice, and a note by the staff member every test session is (user 1).
  const world = await aClinicWithAnArrival(core)
  await anIssuedInvoice(core, world.client.id)
  await core.db.updateTable('users').set({ role: 'therapist' }).where('id', '=', 1).execute()
  await aNote(core, aSession('therapist'), world.client.id).withPain(6, 3).in()
})
afterAll(async () => {
  await core.dispose()
})

describe('role matrix over the whole contract', () => {
  it('declares exactly the expected roles for every method', () => {
    for (const name of methodNames) expect(contract[name].roles, name).toEqual(EXPECTED[name])
  })

  it('has a valid input for every method, so the allowed calls reach their handlers', () => {
    const invalid = methodNames.filter(
      (name) => !contract[name].input.safeParse(validInputOf(name)).success,
    )
    expect(invalid, 'add a patch in tests/fixtures/valid-inputs.ts').toEqual([])
  })

  for (const name of methodNames) {
    for (const role of [...ROLES, null] as const) {
      const access = EXPECTED[name]
      const allowed = access === 'public' || (role !== null && access.includes(role))
      it(`${name} · ${role ?? 'signed out'} · ${allowed ? 'allowed' : 'refused'}`, async () => {
        // A valid input: an allowed call is answered by its handler (a value, or a refusal
        // such as not_found on its own rules), never refused for who is asking.
        const session = role ? aSession(role) : null
        const result = await core.router.call(name, validInputOf(name), session)
        const code = result.ok ? null : result.error.code
        if (!allowed) {
          expect(code).toBe(role ? 'forbidden' : 'unauthenticated')
          return
        }
        expect(code, JSON.stringify(result)).not.toBe('invalid_input')
        expect(code).not.toBe('unauthenticated')
        const refusal = HANDLER_REFUSALS[name]
        if (code === 'forbidden') expect(refusal?.roles ?? [], refusal?.rule).toContain(role)
      })
    }
  }
})
