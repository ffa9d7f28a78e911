import type { Migration } from 'kysely/migration'
import * as m0010 from './0010-settings'
import * as m0020 from './0020-audit'
import * as m0030 from './0030-users'
import * as m0100 from './0100-clients'
import * as m0200 from './0200-diary-setup'
import * as m0210 from './0210-appointments'
import * as m0220 from './0220-partial-time-off'
import * as m0300 from './0300-notes'
import * as m0400 from './0400-backup-settings'
import * as m0500 from './0500-import-batches'
import * as m0510 from './0510-retention'
import * as m0520 from './0520-appointment-imports'
import * as m0600 from './0600-signed-note-moves'
import * as m0700 from './0700-record-revisions'
import * as m0730 from './0730-search-versions'
import * as m0800 from './0800-money'
import * as m0810 from './0810-cash-ups'
import * as m0820 from './0820-gift-vouchers'
import * as m0830 from './0830-fees'
import * as m0840 from './0840-practitioner-credentials'
import * as m0850 from './0850-packages'
import * as m0870 from './0870-money-balances'
import * as m0875 from './0875-money-indexes'
import * as m0880 from './0880-refund-links'
import * as m0900 from './0900-desks'
import * as m0910 from './0910-desk-saves'
import * as m1000 from './1000-report-settings'
import * as m1010 from './1010-report-indexes'
import * as m1030 from './1030-vat-stagger'
import * as m1040 from './1040-report-money-indexes'
import * as m1100 from './1100-messages'
import * as m1200 from './1200-runners'
import * as m1210 from './1210-aftercare'
import * as m1220 from './1220-letter-templates'
import * as m1300 from './1300-next-booking-made'
import * as m1310 from './1310-import-in-progress'
import * as m1320 from './1320-money-reason-erasure'

/**
 * Every migration, imported statically so they are bundled into the main build (no
 * directory scanning at run time). Names sort in the order they run.
 */
export const migrations: Record<string, Migration> = {
  '0010-settings': m0010,
  '0020-audit': m0020,
  '0030-users': m0030,
  '0100-clients': m0100,
  '0200-diary-setup': m0200,
  '0210-appointments': m0210,
  '0220-partial-time-off': m0220,
  '0300-notes': m0300,
  '0400-backup-settings': m0400,
  '0500-import-batches': m0500,
  '0510-retention': m0510,
  '0520-appointment-imports': m0520,
  '0600-signed-note-moves': m0600,
  '0700-record-revisions': m0700,
  '0730-search-versions': m0730,
  '0800-money': m0800,
  '0810-cash-ups': m0810,
  '0820-gift-vouchers': m0820,
  '0830-fees': m0830,
  '0840-practitioner-credentials': m0840,
  '0850-packages': m0850,
  '0870-money-balances': m0870,
  '0875-money-indexes': m0875,
  '0880-refund-links': m0880,
  '0900-desks': m0900,
  '0910-desk-saves': m0910,
  '1000-report-settings': m1000,
  '1010-report-indexes': m1010,
  '1030-vat-stagger': m1030,
  '1040-report-money-indexes': m1040,
  '1100-messages': m1100,
  '1200-runners': m1200,
  '1210-aftercare': m1210,
  '1220-letter-templates': m1220,
  '1300-next-booking-made': m1300,
  '1310-import-in-progress': m1310,
  '1320-money-reason-erasure': m1320,
}
