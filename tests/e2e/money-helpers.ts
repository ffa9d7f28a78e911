import type { Page } from '@playwright/test'
import { aSession, call } from '../fixtures/temp-core'
import { expect, type Clinic } from './fixtures'
import { aSmallClinic, at, today } from './small-clinic'

export const owner = aSession('owner')

/** A router answer's value, or the test fails with main's own words. */
export async function ok<T>(
  p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
) {
  const r = await p
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/** Priya booked with Sam at 06:30 today (before opening, overridden) for a £55 massage, and arrived. */
export async function priyaHasArrived(clinic: Clinic) {
  const c = await aSmallClinic(clinic.core)
  await ok(
    call(
      clinic.core,
      'services.update',
      {
        id: c.serviceId,
        name: 'Sports massage 60 min',
        durationMinutes: 60,
        pricePence: 5500,
        bufferAfterMinutes: 15,
        colour: '#2563eb',
      },
      owner,
    ),
  )
  const appt = await ok(
    call(
      clinic.core,
      'diary.book',
      {
        clientId: c.priya,
        serviceId: c.serviceId,
        therapistId: c.samId,
        // Started before the pinned 07:30, so it can be marked Completed (not before it starts).
        startsAt: at(today(), '06:30'),
        override: { reason: 'early start for a race-day client' },
        confirmPast: true,
      },
      owner,
    ),
  )
  await ok(call(clinic.core, 'diary.setStatus', { id: appt.id, status: 'arrived' }, owner))
  return { ...c, appointmentId: appt.id }
}

/** The clinic's payment methods by kind. */
export async function methodIds(clinic: Clinic): Promise<Record<string, number>> {
  const list = await ok(call(clinic.core, 'money.methods', {}, owner))
  return Object.fromEntries(list.map((m) => [m.kind, m.id]))
}

/** An issued invoice for Priya of one line of free text. */
export async function anInvoiceFor(clinic: Clinic, clientId: number, pence: number) {
  const draft = await ok(
    call(
      clinic.core,
      'invoices.saveDraft',
      {
        clientId,
        lines: [{ kind: 'text', description: 'Sports massage', quantity: 1, unitPence: pence }],
      },
      owner,
    ),
  )
  return ok(call(clinic.core, 'invoices.issue', { id: draft.id }, owner))
}

/** Priya's £55 appointment checked out through the router, paid in full by one method. */
export async function priyaPaidAtCheckout(clinic: Clinic, methodKind: 'card' | 'cash') {
  const { appointmentId } = await priyaHasArrived(clinic)
  const m = await methodIds(clinic)
  const paid = await ok(
    call(
      clinic.core,
      'invoices.checkout',
      { appointmentId, payments: [{ methodId: m[methodKind]!, amountPence: 5500 }] },
      owner,
    ),
  )
  return { invoiceId: paid.invoice.id, m }
}

export async function openAppointment(page: Page, clinic: Clinic) {
  await clinic.open(page, { as: 'reception', at: '#/diary' })
  await page.locator('.rbc-event', { hasText: 'Priya Shah' }).click()
  return page.getByRole('dialog', { name: 'Priya Shah' })
}

/**
 * Priya has arrived for her £55 massage; reception opens it and presses Take payment. Returns
 * the payment dialog once its amount has the focus.
 */
export async function openTakePayment(page: Page, clinic: Clinic) {
  await priyaHasArrived(clinic)
  const appt = await openAppointment(page, clinic)
  await appt.getByRole('button', { name: 'Take payment · £55.00' }).click()
  const pay = page.getByRole('dialog', { name: 'Take payment · Priya Shah' })
  await expect(pay.getByLabel('Amount (£)')).toBeFocused()
  return pay
}
