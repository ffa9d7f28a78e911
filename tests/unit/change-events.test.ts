import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isChangeMethod } from '../../src/shared/change-events'
import { methodNames } from '../../src/shared/contract'
import { PLINTH_VERSION } from '../../src/shared/version'

describe('which calls raise a change event', () => {
  it('raises one for writes that other desks must see', () => {
    for (const m of [
      'diary.book',
      'diary.move',
      'diary.cancel',
      'clients.create',
      'clients.update',
      'notes.sign',
      'notes.saveDraft',
      'settings.update',
      'therapists.addTimeOff',
      'waitlist.add',
      'payments.take',
      'payments.refund',
      'payments.reverse',
      'invoices.checkout',
      'packages.use',
      'cashUp.record',
      'reports.updateSettings',
      'reports.setCommissionRates',
      // Its verb is a report's read: still a write (an import lands on every desk).
      'imports.run',
    ]) {
      expect([m, isChangeMethod(m)]).toEqual([m, true])
    }
  })

  it('never raises one for a read (a desk refetches on an event: reads would loop)', () => {
    const reads = methodNames.filter((m) =>
      /\.(get|list|search|status|range|daySheet|daySheetPdf|timeline|job|health|unsigned|exportPdf|attachment)$/.test(
        m,
      ),
    )
    expect(reads.length).toBeGreaterThan(15)
    // Reads named for what they read: two windows on the Money screen looped on these.
    reads.push(
      'money.account',
      'money.outstanding',
      'money.forAppointments',
      'money.methods',
      'money.practitioners',
      'money.serviceVatRates',
      'invoices.pdf',
      'vouchers.pdf',
      'cashUp.day',
      'packages.types',
      'packages.forClient',
      // Reports only read (issue 14): a report refetched on an event must not raise one.
      'reports.run',
      'reports.rows',
      'reports.exportCsv',
      'reports.settings',
      'diary.serviceUsage',
    )
    for (const m of reads) expect([m, isChangeMethod(m)]).toEqual([m, false])
    for (const m of methodNames.filter((n) => n.startsWith('auth.') || n.startsWith('network.'))) {
      expect([m, isChangeMethod(m)]).toEqual([m, false])
    }
  })

  it('names the same version as package.json (desks and hosts compare it)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(PLINTH_VERSION).toBe(pkg.version)
  })
})
