import type { PlinthCore } from '../../src/main/app-core'
import type { Session } from '../../src/main/rpc/context'
import { addDays, utcToZoned, zonedToUtc } from '../../src/main/services/diary/clinic-clock'
import type { BackupJob } from '../../src/shared/contract/backups'
import { runsOffThread } from '../../src/main/db/off-thread'
import { duringWork, loopFigures, stallLines } from './loop-delay'
import { growToMb } from './grow-clinic'
import type { Figure } from './measure'
import { aClinikoExport } from '../fixtures/cliniko-export'
import { importRows } from './import.bench'

const TZ = 'Europe/London'

async function finished(core: PlinthCore, job: BackupJob): Promise<BackupJob> {
  for (;;) {
    const now = core.backups.job(job.id)
    if (now.state === 'failed') throw new Error(now.message ?? `${job.kind} failed`)
    if (now.state === 'done') return now
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * Issue 19: main's event-loop delay while a backup, a restore and a 50,000-row import run on
 * the bench's full clinic (100,000 clients and the diary bench's ten years of bookings, grown
 * with older history to the 603 MB, or PLINTH_BENCH_FREEZE_MB), with
 * a receptionist booking every 100 ms meanwhile (evenings of the next four weeks, free in
 * the diary bench's seed). Runs last: the restore swaps the file and the import adds clients.
 */
export async function benchFreezes(core: PlinthCore, owner: Session): Promise<Figure[]> {
  if (!runsOffThread()) console.log('freezes bench: the database worker did not start!')
  const target = Number(process.env['PLINTH_BENCH_FREEZE_MB'] ?? 603)
  const mb = growToMb(core, target).toFixed(0)
  const reception: Session = { ...owner, role: 'reception' }
  // The diary bench's therapists (08:00-20:00 every day) and their 60-minute service.
  const offered = core.sqlite
    .prepare(
      `SELECT ts.therapist_id AS therapist, s.id AS service FROM therapist_services ts
       JOIN services s ON s.id = ts.service_id
       JOIN therapist_hours h ON h.therapist_id = ts.therapist_id AND h.starts = '08:00' AND h.ends = '20:00'
       WHERE s.duration_minutes = 60 GROUP BY ts.therapist_id ORDER BY ts.therapist_id`,
    )
    .all() as { therapist: number; service: number }[]
  const therapists = offered.map((o) => o.therapist)
  const service = offered[0] ? { id: offered[0].service } : undefined
  let firstRefusal: string | null = null
  // A client per booking: one client at 19:00 with every therapist is a clash (client_busy).
  const bookable = (
    core.sqlite.prepare('SELECT id FROM clients ORDER BY id DESC LIMIT 5000').all() as {
      id: number
    }[]
  ).map((c) => c.id)
  const today = utcToZoned(Date.now(), TZ).date
  let slot = 0
  // 19:00 and 19:00 + 1 h would overlap: each booking takes the next therapist, then day.
  const book = async (): Promise<boolean> => {
    const n = slot++
    if (therapists.length === 0) {
      const from = new Date(zonedToUtc(today, 0, TZ))
      const to = new Date(zonedToUtc(addDays(today, 7), 0, TZ))
      const r = await core.router.call(
        'diary.range',
        { from: from.toISOString(), to: to.toISOString() },
        reception,
      )
      return r.ok
    }
    const therapistId = therapists[n % therapists.length]!
    const day = addDays(today, 1 + Math.floor(n / therapists.length))
    const r = await core.router.call(
      'diary.book',
      {
        clientId: bookable[n % bookable.length]!,
        serviceId: service?.id ?? 1,
        therapistId,
        startsAt: new Date(zonedToUtc(day, 19 * 60, TZ)).toISOString(),
      },
      reception,
    )
    if (!r.ok) firstRefusal ??= r.error.message
    return r.ok
  }

  const callName = therapists.length > 0 ? 'a booking' : 'a week of the diary'
  const figures: Figure[] = []
  let backupName = ''
  const backup = await duringWork(async () => {
    const job = await finished(core, core.backups.startBackup())
    backupName = job.backupName!
  }, book)
  figures.push(...loopFigures(`backup of the ${mb} MB clinic`, backup, callName))
  const restore = await duringWork(async () => {
    const job = await core.backups.startRestore(backupName, undefined, core.backups.actorFor(null))
    await finished(core, job)
  }, book)
  figures.push(...loopFigures(`restore, incl. the backup first (${mb} MB)`, restore, callName))
  if (process.env['PLINTH_BENCH_NO_IMPORT']) return figures
  const clients = (core.sqlite.prepare('SELECT count(*) AS n FROM clients').get() as { n: number })
    .n
  let importFigures: Figure[] = []
  const file = aClinikoExport(50_000)
  const imported = await duringWork(async () => {
    importFigures = await importRows(core, owner, 50_000, file)
  }, book)
  figures.push(
    ...loopFigures(
      `import of 50,000 rows into ${clients.toLocaleString('en-GB')} clients`,
      imported,
      callName,
    ),
    ...importFigures,
  )
  if (process.env['PLINTH_BENCH_STALLS']) {
    for (const [what, d] of [
      ['backup', backup],
      ['restore', restore],
      ['import', imported],
    ] as const)
      console.log(`${what}: stalls over 50 ms\n${stallLines(d, 50)}`)
  }
  if (firstRefusal) console.log(`freezes bench: a booking was refused: ${firstRefusal}`)
  return figures
}
