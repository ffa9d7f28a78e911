import { format } from 'date-fns/format'
import { parseISO } from 'date-fns/parseISO'

/** "2026-12-17" -> "17 Dec 2026": a package's last day, as reception reads it out. */
export function expiryText(expiresOn: string): string {
  return format(parseISO(expiresOn), 'd MMM yyyy')
}

/**
 * One line about a package, the same wherever it shows (client page, checkout, booking):
 * "3 of 5 left, expires 17 Dec 2026"; "expired 17 Dec 2026"; "refunded"; "not paid in full".
 */
export function packageStanding(p: {
  sessions: number
  left: number
  expiresOn: string
  expired: boolean
  refunded: boolean
  paid: boolean
}): string {
  if (p.refunded) return `refunded, ${p.sessions - p.left} of ${p.sessions} used`
  const left = `${p.left} of ${p.sessions} left`
  if (p.expired) return `${left}, expired ${expiryText(p.expiresOn)}`
  if (!p.paid) return `${left}, not paid in full`
  return `${left}, expires ${expiryText(p.expiresOn)}`
}

/** Whether a package can pay for a session of `serviceId` today (the service agrees too). */
export function packageUsableFor(
  p: { serviceIds: number[]; left: number; expired: boolean; refunded: boolean; paid: boolean },
  serviceId: number,
): boolean {
  return p.serviceIds.includes(serviceId) && p.left > 0 && !p.expired && !p.refunded && p.paid
}
