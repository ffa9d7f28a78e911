import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { afterEach, describe, expect, it } from 'vitest'
import { reportRows, runReport, type ReportRequest } from '../../src/main/services/reports'
import type { Report } from '../../src/shared/contract/report-values'
import { dayAfter, localToUtc, seedReportClinic, TZ, type World } from '../fixtures/report-clinic'
import { openTempCore } from '../fixtures/temp-core'

// Each report figure against a brute-force computation over a random seeded clinic (issue
// 14): the arrays the clinic was written from, walked by hand with @date-fns/tz, never the
// report's own queries. Appointments at night cross the clocks changing (29 March 2026), the
// range crosses the tax year (6 April) and the money has every method, reversal and refund.

const NOW = new Date('2026-05-15T12:00:00.000Z')
const FROM = '2026-03-01'
const TO = '2026-04-30'
const MONEY = ['card', 'cash', 'bank_transfer', 'other']
const DAY = 86_400_000

let core: Awaited<ReturnType<typeof openTempCore>>
afterEach(async () => {
  await core?.dispose()
})

const localDate = (iso: string) => format(new TZDate(Date.parse(iso), TZ), 'yyyy-MM-dd')
const inPeriod = (iso: string, from: string, to: string) =>
  iso >= localToUtc(from, 0) && iso < localToUtc(dayAfter(to), 0)
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)
const fig = (r: Report, id: string) => r.figures.find((f) => f.id === id)!

async function run(request: Omit<ReportRequest, 'range'> & { from?: string; to?: string }) {
  return runReport(
    core.db,
    { ...request, range: { preset: 'custom', from: request.from ?? FROM, to: request.to ?? TO } },
    NOW,
  )
}

function moneyEntries(w: World, from: string, to: string) {
  const money = new Set(w.methods.filter((m) => MONEY.includes(m.kind)).map((m) => m.id))
  return w.entries.filter(
    (e) => money.has(e.methodId) && e.kind !== 'transfer' && inPeriod(e.at, from, to),
  )
}

/** Each entry's shares of its invoice's lines, by the written rule (DEFINITIONS.split). */
function shares(w: World, amount: number, invoiceId: number | null) {
  const inv = w.invoices.find((i) => i.id === invoiceId)
  if (!inv) return [{ line: null, amount }]
  const total = sum(inv.lines.map((l) => l.gross))
  const out = inv.lines.map((l) => ({ line: l, amount: Math.trunc((amount * l.gross) / total) }))
  out[0]!.amount += amount - sum(out.map((o) => o.amount))
  return out
}

const therapistOfLine = (w: World, line: { appointmentId: number | null } | null) =>
  line?.appointmentId ? w.appointments.find((a) => a.id === line.appointmentId)!.therapistId : null

function outcome(a: World['appointments'][number]) {
  if (a.status === 'arrived' || a.status === 'completed') return 'attended'
  if (a.status === 'no_show') return 'dna'
  if (a.status === 'cancelled') return a.late ? 'late' : 'cancelled'
  return 'booked'
}

/** Available minutes by sampling every quarter hour of every local day in the period. */
function availableBrute(w: World, therapistId: number, from: string, to: string): number {
  let minutes = 0
  for (let d = from; d <= to; d = dayAfter(d)) {
    if (w.closures.has(d)) continue
    const wd = new Date(`${d}T12:00:00Z`).getUTCDay() || 7
    const open = w.opening.get(wd)
    if (!open) continue
    const offs = w.timeOff.filter(
      (t) => t.therapistId === therapistId && t.startsOn <= d && t.endsOn >= d,
    )
    if (offs.some((t) => t.part === null)) continue
    for (let m = 0; m < 1440; m += 15) {
      const inside = (kind: 'work' | 'break') =>
        w.hours.some(
          (h) =>
            h.therapistId === therapistId &&
            h.kind === kind &&
            h.weekday === wd &&
            h.starts <= m &&
            m < h.ends,
        )
      if (m < open[0] || m >= open[1] || !inside('work') || inside('break')) continue
      if (offs.some((t) => t.part && t.part[0] <= m && m < t.part[1])) continue
      // A quarter hour lasts 15 real minutes unless the clocks skip it (01:00–02:00 in March).
      minutes +=
        (Date.parse(localToUtc(d, m + 15 >= 1440 ? 0 : m + 15)) - Date.parse(localToUtc(d, m))) /
          60_000 >
        0
          ? 15
          : 0
    }
  }
  return minutes
}

for (const seed of [11, 29, 73]) {
  describe(`reports against brute force (random clinic ${seed})`, () => {
    it('takings: received, refunds, net, invoiced, credit notes and cash-up differences', async () => {
      core = await openTempCore({ now: () => NOW })
      const w = seedReportClinic(core, seed, FROM, TO)
      const r = await run({ report: 'takings' })
      const es = moneyEntries(w, FROM, TO)
      const received = sum(es.filter((e) => e.kind !== 'refund').map((e) => e.amount))
      const refunds = -sum(es.filter((e) => e.kind === 'refund').map((e) => e.amount))
      expect(fig(r, 'received').value).toBe(received)
      expect(fig(r, 'refunds').value).toBe(refunds)
      expect(fig(r, 'net').value).toBe(received - refunds)
      expect(fig(r, 'invoiced').value).toBe(
        sum(w.invoices.filter((i) => inPeriod(i.issuedAt, FROM, TO)).map((i) => i.gross)),
      )
      expect(fig(r, 'credit-notes').value).toBe(
        sum(w.creditNotes.filter((c) => inPeriod(c.issuedAt, FROM, TO)).map((c) => c.gross)),
      )
      expect(fig(r, 'cash-up').value).toBe(
        sum(
          w.cashUps
            .filter((c) => c.date >= FROM && c.date <= TO)
            .flatMap((c) => c.lines.map((l) => l.counted - l.expected)),
        ),
      )
      // The period before: the same 61 days just before.
      const before = moneyEntries(w, dayAfter(FROM, -61), dayAfter(FROM, -1))
      expect(fig(r, 'net').previous).toBe(sum(before.map((e) => e.amount)))
      // By day, by therapist.
      const byDay = new Map<string, number>()
      for (const e of es) byDay.set(localDate(e.at), (byDay.get(localDate(e.at)) ?? 0) + e.amount)
      const dayTable = r.tables.find((t) => t.id === 'by-day')!
      expect(new Map(dayTable.rows.map((row) => [row['date'], row['net']]))).toEqual(byDay)
      const byTherapist = new Map<string, number>()
      for (const e of es) {
        for (const s of shares(w, e.amount, e.invoiceId)) {
          const t = therapistOfLine(w, s.line)
          const name = t === null ? 'No therapist' : w.therapists.find((x) => x.id === t)!.name
          byTherapist.set(name, (byTherapist.get(name) ?? 0) + s.amount)
        }
      }
      const tTable = r.tables.find((t) => t.id === 'by-therapist')!
      for (const [name, net] of byTherapist) {
        expect(tTable.rows.find((row) => row['therapist'] === name)?.['net'], name).toBe(net)
      }
      // By service (the line's service, else its kind; no invoice: account credit), by method,
      // and the invoiced column (issued lines, by therapist and by service).
      const labelOf = (line: World['invoices'][number]['lines'][number] | null) =>
        line === null
          ? 'Account credit bought'
          : line.serviceId !== null
            ? w.services.find((x) => x.id === line.serviceId)!.name
            : 'Products'
      const byService = new Map<string, number>()
      const byMethod = new Map<string, number>()
      for (const e of es) {
        const m = w.methods.find((x) => x.id === e.methodId)!.name
        byMethod.set(m, (byMethod.get(m) ?? 0) + e.amount)
        for (const s of shares(w, e.amount, e.invoiceId))
          byService.set(labelOf(s.line), (byService.get(labelOf(s.line)) ?? 0) + s.amount)
      }
      const sTable = r.tables.find((t) => t.id === 'by-service')!
      expect(
        new Map(sTable.rows.filter((x) => x['net'] !== 0).map((x) => [x['service'], x['net']])),
      ).toEqual(new Map([...byService].filter(([, v]) => v !== 0)))
      const mTable = r.tables.find((t) => t.id === 'by-method')!
      expect(new Map(mTable.rows.map((x) => [x['method'], x['net']]))).toEqual(byMethod)
      const issued = w.invoices
        .filter((i) => inPeriod(i.issuedAt, FROM, TO))
        .flatMap((i) => i.lines)
      const invoicedBy = (keyOf: (l: (typeof issued)[number]) => string) => {
        const m = new Map<string, number>()
        for (const l of issued) m.set(keyOf(l), (m.get(keyOf(l)) ?? 0) + l.gross)
        return m
      }
      const nameOfLine = (l: (typeof issued)[number]) => {
        const t = therapistOfLine(w, l)
        return t === null ? 'No therapist' : w.therapists.find((x) => x.id === t)!.name
      }
      for (const [k, v] of invoicedBy(nameOfLine))
        expect(tTable.rows.find((x) => x['therapist'] === k)?.['invoiced'], k).toBe(v)
      for (const [k, v] of invoicedBy(labelOf))
        expect(sTable.rows.find((x) => x['service'] === k)?.['invoiced'], k).toBe(v)
      // Filtered by one therapist: the same shares, only theirs.
      const sam = w.therapists[0]!
      const only = await run({ report: 'takings', therapistId: sam.id })
      expect(fig(only, 'net').value).toBe(byTherapist.get(sam.name) ?? 0)
      // The rows behind received add up to it.
      const rows = await reportRows(
        core.db,
        {
          report: 'takings',
          range: { preset: 'custom', from: FROM, to: TO },
          figure: 'received',
          limit: 10_000,
          offset: 0,
        },
        NOW,
      )
      expect(sum(rows.rows.map((x) => x['amount'] as number))).toBe(received)
    })

    it('appointments: outcomes, rates and DNA rows by therapist', async () => {
      core = await openTempCore({ now: () => NOW })
      const w = seedReportClinic(core, seed, FROM, TO)
      const r = await run({ report: 'appointments' })
      const inside = w.appointments.filter((a) => inPeriod(a.startsAt, FROM, TO))
      const count = (o: string) => inside.filter((a) => outcome(a) === o).length
      expect(fig(r, 'total').value).toBe(inside.length)
      for (const o of ['attended', 'dna', 'late', 'cancelled', 'booked'])
        expect(fig(r, o).value, o).toBe(count(o))
      expect(fig(r, 'dna-rate').value).toBeCloseTo(count('dna') / inside.length, 12)
      for (const t of w.therapists) {
        const mine = inside.filter((a) => a.therapistId === t.id)
        const row = r.tables[0]!.rows.find((x) => x['name'] === t.name)
        expect(row?.['dna'] ?? 0, t.name).toBe(mine.filter((a) => outcome(a) === 'dna').length)
        expect(row?.['total'] ?? 0).toBe(mine.length)
      }
      const dna = await reportRows(
        core.db,
        {
          report: 'appointments',
          range: { preset: 'custom', from: FROM, to: TO },
          figure: 'dna-rate',
          limit: 1000,
          offset: 0,
        },
        NOW,
      )
      expect(dna.total).toBe(count('dna'))
      expect(dna.rows.map((x) => x['appointmentId']).sort()).toEqual(
        inside
          .filter((a) => outcome(a) === 'dna')
          .map((a) => a.id)
          .sort(),
      )
      // March's DNA rate in the twelve-month chart.
      const march = w.appointments.filter((a) => inPeriod(a.startsAt, '2026-03-01', '2026-03-31'))
      const point = r.series[0]!.points.find((p) => p.label === 'Mar 2026')!
      expect(point.value).toBeCloseTo(
        march.filter((a) => outcome(a) === 'dna').length / march.length,
        12,
      )
      // The chart starts at the first of the twelve months (May 2025 to April 2026) with any
      // appointment, and runs to the period's last month, one point a month.
      const firstMonth = w.appointments
        .map((a) => localDate(a.startsAt).slice(0, 7))
        .filter((m) => m >= '2025-05')
        .sort()[0]!
      const labels: string[] = []
      for (let m = new Date(`${firstMonth}-01T12:00:00Z`); m <= new Date('2026-04-01T12:00:00Z');) {
        labels.push(format(m, 'MMM yyyy'))
        m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1, 12))
      }
      expect(firstMonth > '2025-05').toBe(true)
      expect(r.series[0]!.points.map((p) => p.label)).toEqual(labels)
      // A year against the year before (counted apart from the chart's months), one therapist.
      const alex = w.therapists[1]!
      const year = await run({
        report: 'appointments',
        from: '2026-04-01',
        to: '2027-03-31',
        therapistId: alex.id,
      })
      const before = w.appointments.filter(
        (a) => a.therapistId === alex.id && inPeriod(a.startsAt, '2025-04-01', '2026-03-31'),
      )
      expect(before.length).toBeGreaterThan(0)
      expect(fig(year, 'total').previous).toBe(before.length)
      for (const o of ['attended', 'dna', 'late', 'cancelled', 'booked'])
        expect(fig(year, o).previous, o).toBe(before.filter((a) => outcome(a) === o).length)
      expect(fig(year, 'dna-rate').previous).toBeCloseTo(
        before.filter((a) => outcome(a) === 'dna').length / before.length,
        12,
      )
    })

    it('utilisation: booked over available minutes, hours less breaks, time off and closures', async () => {
      core = await openTempCore({ now: () => NOW })
      const w = seedReportClinic(core, seed, FROM, TO)
      const r = await run({ report: 'utilisation' })
      const from = Date.parse(localToUtc(FROM, 0))
      const to = Date.parse(localToUtc(dayAfter(TO), 0))
      for (const t of w.therapists) {
        const available = availableBrute(w, t.id, FROM, TO)
        let booked = 0
        for (const a of w.appointments) {
          if (a.therapistId !== t.id || a.status === 'cancelled') continue
          booked +=
            Math.max(
              0,
              Math.min(to, Date.parse(a.endsAt)) - Math.max(from, Date.parse(a.startsAt)),
            ) / 60_000
        }
        const row = r.tables[0]!.rows.find((x) => x['therapist'] === t.name)!
        expect(row['available'], t.name).toBe(available)
        expect(row['booked'], t.name).toBe(booked)
      }
    })

    it('clients: new, returning, rebook rate, visits per new client and referral sources', async () => {
      core = await openTempCore({ now: () => NOW })
      const w = seedReportClinic(core, seed, FROM, TO)
      const r = await run({ report: 'clients' })
      const attended = w.appointments.filter((a) => outcome(a) === 'attended')
      const visits = attended.filter((a) => inPeriod(a.startsAt, FROM, TO))
      const first = (clientId: number) =>
        attended
          .filter((a) => a.clientId === clientId)
          .map((a) => a.startsAt)
          .sort()[0]!
      const clients = [...new Set(visits.map((v) => v.clientId))]
      const fresh = clients.filter((c) => first(c) >= localToUtc(FROM, 0))
      expect(fig(r, 'new').value).toBe(fresh.length)
      expect(fig(r, 'returning').value).toBe(clients.length - fresh.length)
      const rebooked = visits.filter((v) =>
        w.appointments.some(
          (n) =>
            n.clientId === v.clientId &&
            n.startsAt > v.startsAt &&
            Date.parse(n.createdAt) <= Date.parse(v.endsAt) + 30 * DAY,
        ),
      )
      expect(fig(r, 'rebook-rate').value).toBeCloseTo(rebooked.length / visits.length, 12)
      const perNew = fresh.map((c) => {
        const f = Date.parse(first(c))
        return attended.filter(
          (a) =>
            a.clientId === c &&
            Date.parse(a.startsAt) >= f &&
            Date.parse(a.startsAt) < f + 90 * DAY,
        ).length
      })
      expect(fig(r, 'visits-per-new').value).toBeCloseTo(sum(perNew) / fresh.length, 12)
      // One therapist's: their visits; a client's first visit and 90 days with anyone.
      const t = w.therapists[1]!.id
      const rt = await run({ report: 'clients', therapistId: t })
      const tv = visits.filter((v) => v.therapistId === t)
      const tFresh = fresh.filter((c) => tv.some((v) => v.clientId === c))
      expect(fig(rt, 'new').value).toBe(tFresh.length)
      expect(fig(rt, 'returning').value).toBe(
        new Set(tv.map((v) => v.clientId)).size - tFresh.length,
      )
      const tRebooked = rebooked.filter((v) => v.therapistId === t).length
      expect(fig(rt, 'rebook-rate').value).toBeCloseTo(tRebooked / tv.length, 12)
      const tPer = tFresh.map((c) => perNew[fresh.indexOf(c)]!)
      expect(fig(rt, 'visits-per-new').value).toBeCloseTo(sum(tPer) / tFresh.length, 12)
      // The rows behind (worked out row by row) agree with the figures (counted in SQL).
      const rows = await reportRows(
        core.db,
        {
          report: 'clients',
          range: { preset: 'custom', from: FROM, to: TO },
          figure: 'new',
          limit: 5,
          offset: 0,
        },
        NOW,
      )
      expect(rows.total).toBe(fresh.length)
      const ref = await run({ report: 'referrals' })
      const money = moneyEntries(w, FROM, TO)
      for (const source of new Set(
        fresh.map((c) => w.clients.find((x) => x.id === c)!.referral || 'Not recorded'),
      )) {
        const mine = fresh.filter(
          (c) => (w.clients.find((x) => x.id === c)!.referral || 'Not recorded') === source,
        )
        const row = ref.tables[0]!.rows.find((x) => x['source'] === source)!
        expect(row['clients'], source).toBe(mine.length)
        expect(row['revenue'], source).toBe(
          sum(money.filter((e) => mine.includes(e.clientId)).map((e) => e.amount)),
        )
      }
    })

    it('recall list, commission, outstanding, VAT and liabilities', async () => {
      core = await openTempCore({ now: () => NOW })
      const w = seedReportClinic(core, seed, FROM, TO)
      // Recall: not seen for 6 weeks, nothing booked to come, with consent.
      const recall = await reportRows(
        core.db,
        {
          report: 'recall',
          range: { preset: 'this_month' },
          recallWeeks: 6,
          figure: 'recall',
          limit: 1000,
          offset: 0,
        },
        NOW,
      )
      const cutoff = NOW.getTime() - 6 * 7 * DAY
      const expected = w.clients.filter((c) => {
        if (c.archived || !(c.email || c.sms)) return false
        const seen = w.appointments.filter((a) => a.clientId === c.id && outcome(a) === 'attended')
        if (seen.length === 0) return false
        const last = Math.max(...seen.map((a) => Date.parse(a.startsAt)))
        const coming = w.appointments.some(
          (a) =>
            a.clientId === c.id && a.status === 'booked' && Date.parse(a.startsAt) >= NOW.getTime(),
        )
        return last < cutoff && !coming
      })
      expect(recall.rows.map((x) => x['clientId']).sort()).toEqual(expected.map((c) => c.id).sort())
      // Commission on received: 40 % for Sam, 25 % on Assessment; 10 % for Alex.
      const [sam, alex] = w.therapists
      const assessment = w.services.find((s) => s.name === 'Assessment')!
      await core.db
        .insertInto('commission_rates')
        .values([
          { therapist_id: sam!.id, service_id: 0, rate_bp: 4000 },
          { therapist_id: sam!.id, service_id: assessment.id, rate_bp: 2500 },
          { therapist_id: alex!.id, service_id: 0, rate_bp: 1000 },
        ])
        .execute()
      const commission = await run({ report: 'commission' })
      let due = 0
      for (const e of moneyEntries(w, FROM, TO)) {
        for (const s of shares(w, e.amount, e.invoiceId)) {
          const t = therapistOfLine(w, s.line)
          const bp =
            t === sam!.id
              ? s.line!.serviceId === assessment.id
                ? 2500
                : 4000
              : t === alex!.id
                ? 1000
                : 0
          if (t !== null)
            due += Math.sign(s.amount) * Math.round((Math.abs(s.amount) * bp) / 10_000)
        }
      }
      expect(fig(commission, 'commission').value).toBe(due)
      // On invoiced amounts: issued lines, less credit notes split over their invoice's lines.
      await core.db.updateTable('report_settings').set({ commission_basis: 'invoiced' }).execute()
      const rateOf = (line: { serviceId: number | null } | null, t: number | null) =>
        t === sam!.id
          ? line!.serviceId === assessment.id
            ? 2500
            : 4000
          : t === alex!.id
            ? 1000
            : 0
      const on = (amount: number, bp: number) =>
        Math.sign(amount) * Math.round((Math.abs(amount) * bp) / 10_000)
      let dueInvoiced = 0
      for (const i of w.invoices.filter((x) => inPeriod(x.issuedAt, FROM, TO))) {
        for (const l of i.lines) {
          const t = therapistOfLine(w, l)
          if (t !== null) dueInvoiced += on(l.gross, rateOf(l, t))
        }
      }
      for (const c of w.creditNotes.filter((x) => inPeriod(x.issuedAt, FROM, TO))) {
        for (const s of shares(w, c.gross, c.invoiceId)) {
          const t = therapistOfLine(w, s.line)
          if (t !== null) dueInvoiced += on(-s.amount, rateOf(s.line, t))
        }
      }
      const invoicedCommission = await run({ report: 'commission' })
      expect(fig(invoicedCommission, 'commission').value).toBe(dueInvoiced)
      await core.db.updateTable('report_settings').set({ commission_basis: 'received' }).execute()
      // Outstanding today.
      const out = await run({ report: 'outstanding' })
      const dues = w.invoices.map(
        (i) =>
          i.gross -
          sum(w.creditNotes.filter((c) => c.invoiceId === i.id).map((c) => c.gross)) -
          sum(w.entries.filter((e) => e.invoiceId === i.id).map((e) => e.amount)),
      )
      expect(fig(out, 'owed').value).toBe(sum(dues.filter((d) => d > 0)))
      expect(fig(out, 'invoices').value).toBe(dues.filter((d) => d > 0).length)
      // VAT by tax point.
      const vat = await run({ report: 'vat' })
      const lines = w.invoices
        .filter((i) => i.taxPoint >= FROM && i.taxPoint <= TO)
        .flatMap((i) => i.lines)
      expect(fig(vat, 'output-vat').value).toBe(sum(lines.map((l) => l.vat)))
      // The rows behind it: those invoices, less the credit notes issued in the period.
      const behind = await reportRows(
        core.db,
        {
          report: 'vat',
          range: { preset: 'custom', from: FROM, to: TO },
          figure: 'output-vat',
          limit: 10_000,
          offset: 0,
        },
        NOW,
      )
      const credited = w.creditNotes.filter((c) => inPeriod(c.issuedAt, FROM, TO))
      expect(sum(behind.rows.map((x) => x['vat'] as number))).toBe(
        sum(lines.map((l) => l.vat)) - sum(credited.map((c) => c.vat)),
      )
      expect(behind.rows.filter((x) => (x['number'] as string).startsWith('INV'))).toHaveLength(
        w.invoices.filter((i) => i.taxPoint >= FROM && i.taxPoint <= TO).length,
      )
      expect(behind.rows).toHaveLength(
        w.invoices.filter((i) => i.taxPoint >= FROM && i.taxPoint <= TO).length + credited.length,
      )
      // Liabilities today (15 May 2026).
      const today = '2026-05-15'
      const liab = await run({ report: 'liabilities' })
      const open = w.packages.filter((p) => p.expiresOn >= today && p.sessions > p.used)
      expect(fig(liab, 'package-sessions').value).toBe(sum(open.map((p) => p.sessions - p.used)))
      expect(fig(liab, 'package-value').value).toBe(
        sum(open.map((p) => Math.round((p.price * (p.sessions - p.used)) / p.sessions))),
      )
      expect(fig(liab, 'voucher-value').value).toBe(
        sum(w.vouchers.filter((v) => v.expiresOn >= today).map((v) => v.value - v.redeemed)),
      )
    })
  })
}
