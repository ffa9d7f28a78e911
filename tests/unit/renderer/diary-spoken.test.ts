import { describe, expect, it } from 'vitest'
import type { DiaryAppointment } from '../../../src/shared/contract/diary'
import { spokenName } from '../../../src/renderer/src/features/diary/diary-events'

// Everyone's week shows a booking as its start and client only; its accessible name says the
// rest, and begins with what is seen (WCAG 2.5.3, axe's label-content-name-mismatch).

const booking: DiaryAppointment = {
  id: 1,
  clientId: 2,
  clientName: 'Priya Shah',
  clientPhone: '07700 900123',
  alerts: [],
  therapistId: 3,
  serviceId: 4,
  serviceName: 'Sports massage',
  serviceColour: '#2563eb',
  roomId: null,
  seriesId: null,
  startsAt: '2026-12-01T09:00:00.000Z',
  endsAt: '2026-12-01T10:00:00.000Z',
  blockedUntil: '2026-12-01T10:00:00.000Z',
  status: 'booked',
  pricePence: 5500,
  notes: '',
  lateCancellation: false,
  overrideReason: null,
}
// The clinic's wall clock (toWall): 09:05 whatever the machine's zone.
const start = new Date(2026, 11, 1, 9, 5)

describe('a booking’s words in everyone’s week', () => {
  it('starts with the time and client as drawn, then the service and the therapist', () => {
    expect(spokenName(booking, start, 'Alex Morgan')).toBe(
      '09:05 Priya Shah, Sports massage, with Alex Morgan',
    )
  })
  it('says a status other than booked in full, and a medical alert last', () => {
    const dna = {
      ...booking,
      status: 'no_show' as const,
      alerts: [{ severity: 'high', text: 'x' }],
    }
    expect(spokenName(dna, start, 'Alex Morgan')).toBe(
      '09:05 Priya Shah, Sports massage, Did not attend, with Alex Morgan, medical alert',
    )
  })
  it('leaves out the therapist when there is none to name', () => {
    expect(spokenName(booking, start, '')).toBe('09:05 Priya Shah, Sports massage')
  })
  it('never carries the alert’s own text (health data stays out of names)', () => {
    const alerted = { ...booking, alerts: [{ severity: 'high', text: 'Epilepsy' }] }
    expect(spokenName(alerted, start, 'Alex Morgan')).not.toContain('Epilepsy')
  })
})
