/**
 * Every report figure's definition, in one place (issue 14): the queries in this folder
 * compute exactly what these sentences say, and the Reports screen shows the same text beside
 * each figure. Change a rule here and in its query together; the brute-force tests
 * (tests/integration/reports-*.test.ts) check each figure against these words.
 */
export const MONEY_METHOD_KINDS = ['card', 'cash', 'bank_transfer', 'other'] as const
export const ATTENDED = ['arrived', 'completed'] as const

export const DEFINITIONS = {
  received:
    'Money received (cash basis): payments by card, cash, bank transfer or other in the period, less payments reversed as mistakes. Gift-voucher, package and account-credit redemptions are not new money and are left out; the voucher or package was counted when it was paid for.',
  refunds: 'Money given back by card, cash, bank transfer or other in the period.',
  netTakings: 'Money received less refunds in the period.',
  invoiced:
    'Invoiced (accrual basis): the gross total of invoices issued in the period, whether paid or not.',
  creditNotes: 'The gross total of credit notes issued in the period.',
  cashUpDifference:
    'Counted less expected, summed over the cash-ups recorded for days in the period (negative: short). Clinic-wide, whatever the filters.',
  split:
    'By therapist and service: each payment, refund or credit note is split over its invoice’s lines in proportion to their gross amounts (pence rounded down, the pennies left over going to the first line). A line’s therapist is the one who gave its appointment; payments not on an invoice are account credit bought.',
  takingsByWeek:
    'Net takings (received less refunds) for each week (Monday to Sunday) in the period.',
  outstanding:
    'Issued invoices with something still due today (gross less credited and paid), aged by whole days since issue. Today’s figure whatever the period.',
  vat: 'Output VAT on invoices whose tax point is in the period, by rate (net, VAT, gross), less credit notes issued in the period. The period is the VAT quarter chosen in the VAT section (on the clinic’s VAT stagger, calendar quarters unless set otherwise).',
  appointments:
    'Appointments starting in the period, by what became of them. Attended: arrived or completed. DNA: marked did-not-attend. Late cancellation: cancelled within the notice period. Cancelled: cancelled in time. Still booked: not yet marked. Rates are over all appointments in the period.',
  dnaRate: 'DNAs over all appointments starting in the period.',
  dnaByMonth:
    'DNAs over all appointments starting in each month, for the twelve months ending with the period (from the first of them with any appointments).',
  utilisation:
    'Booked minutes over available minutes. Available: each day’s working hours inside the clinic’s opening hours, less breaks, time off and closure days. Booked: minutes of appointments not cancelled (DNAs included: the time was kept for them) that fall in the period.',
  newClients:
    'Clients whose first attended appointment ever is in the period (attended: arrived or completed).',
  returningClients:
    'Clients with an attended appointment in the period who had attended before it.',
  rebookRate:
    'Attended appointments in the period after which the client had another booking: one starting later that was made no more than the rebook window (Settings, default 30 days) after the visit ended; a booking made before the client left counts. Over all attended appointments in the period.',
  visitsPerNewClient:
    'For each new client in the period, attended appointments in the 90 days from their first; the average over the new clients.',
  recall:
    'Clients whose last attended appointment started more than the chosen number of weeks before today, with no booking to come, who have agreed to marketing by e-mail or SMS (the consent is shown). Archived, merged and anonymised records are left out.',
  referrals:
    'New clients in the period by the referral source on their record, and the net takings received from them in the period.',
  commission:
    'For each therapist: their rate (per service if set, else their own rate) times the amounts of their appointments’ invoice lines, on the basis the owner chose: received (net takings split over invoice lines as above) or invoiced (issued lines, less credit notes split over lines). Amounts include any VAT. Each row’s commission is rounded to the penny.',
  packageLiability:
    'Sessions not yet used on packages that have not expired, valued at the price paid per session (as a refund would be). Today’s figure whatever the period.',
  voucherLiability:
    'Gift vouchers not expired with value left: their value less what has been redeemed. Today’s figure whatever the period.',
} as const

export type DefinitionId = keyof typeof DEFINITIONS
