import { useState } from 'react'
import { useAuthStatus } from '../../api/auth'
import { useAppointmentPayment, useChargeFee } from '../../api/money'
import { useAppointmentPackages } from '../../api/packages'
import { formatPence } from '../../../../shared/money/pounds'
import { TakePaymentDialog } from './TakePaymentDialog'
import { keepDiary, keptDiary } from '../diary/diary-kept'
import { errorWords } from '../../components/rpc-form-errors'

const STATE_LABELS = {
  none: 'Not paid',
  draft: 'Invoice in draft',
  unpaid: 'Not paid',
  part_paid: 'Part paid',
  paid: 'Paid',
} as const

/**
 * In the appointment dialog: "Take payment" for reception and the owner once the client
 * has arrived; otherwise (and for therapists, for their own appointments) whether it is paid.
 */
export function AppointmentPaymentButton({
  appointment,
}: {
  appointment: {
    id: number
    status: string
    clientName: string
    serviceName: string
    pricePence: number
  }
}) {
  const role = useAuthStatus().data?.user?.role
  const payment = useAppointmentPayment(appointment.id, role !== undefined)
  // Left open when the screen locked: open again, with what was typed (diary-kept.ts).
  const [open, setOpenOnly] = useState(() => keptDiary().paying === appointment.id)
  const setOpen = (next: boolean) => {
    setOpenOnly(next)
    keepDiary({ paying: next ? appointment.id : null })
  }
  const fee = useChargeFee()
  const p = payment.data
  const chargeable = appointment.status === 'arrived' || appointment.status === 'completed'
  const till = role === 'owner' || role === 'reception'
  // Asked before Take payment is pressed, so its dialog opens ready for typing.
  useAppointmentPackages(
    appointment.id,
    till && chargeable && p !== undefined && p?.state !== 'paid',
  )
  if (payment.isPending || role === undefined) return null
  const pill =
    p && (p.state !== 'none' || chargeable) ? (
      <span className={`status-pill pay-${p.state}`}>
        {STATE_LABELS[p.state]}
        {p.number ? ` · ${p.number}` : p.fromPackage ? ' from package' : ''}
      </span>
    ) : null
  const canTake = till && chargeable && p?.state !== 'paid'
  const canChargeFee = till && p?.state === 'none' && p.feePence !== null
  const due =
    p && (p.state === 'unpaid' || p.state === 'part_paid') ? p.duePence : appointment.pricePence
  return (
    <>
      {(!canTake || p?.state === 'part_paid') && pill}
      {canChargeFee && (
        <button
          type="button"
          className="button secondary"
          disabled={fee.isPending}
          onClick={() => void fee.mutateAsync({ appointmentId: appointment.id }).catch(() => {})}
        >
          Charge fee · {formatPence(p.feePence ?? 0)}
        </button>
      )}
      {fee.isError && <span className="field-error">{errorWords(fee.error)}</span>}
      {canTake && (
        <button type="button" className="button primary" onClick={() => setOpen(true)}>
          Take payment · {formatPence(due)}
        </button>
      )}
      {/* Kept open after paying (the appointment then shows Paid) so the receipt shows. */}
      {open && (
        <TakePaymentDialog
          target={{
            appointmentId: appointment.id,
            clientName: appointment.clientName,
            serviceName: appointment.serviceName,
            duePence: due,
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  )
}
