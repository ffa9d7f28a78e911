import type { Kysely } from 'kysely'
import type { Duplicate } from '../../../shared/contract/clients'
import { isRealIsoDate } from '../../../shared/contract/clients'
import type { DB } from '../../db/schema'
import { SUMMARY_COLUMNS, toSummary } from './client-record'
import { normaliseEmail, normaliseName, normalisePhone } from './normalise'

export interface DuplicateProbe {
  /** The record being edited, never its own duplicate. */
  id?: number | undefined
  lastName: string
  dateOfBirth: string
  mobile: string
  otherPhone: string
  email: string
}

/** 03/04/1990 typed as 04/03/1990 is the commonest slip: the day and month swapped. */
export function swappedDayMonth(iso: string): string | null {
  if (!isRealIsoDate(iso)) return null
  const [y, m, d] = iso.split('-')
  const swapped = `${y}-${d}-${m}`
  return swapped !== iso && isRealIsoDate(swapped) ? swapped : null
}

/**
 * Likely duplicates of a record being typed. All are warnings, never a block: a household
 * often shares one mobile, and two clients can share a surname and birthday.
 */
export async function findDuplicates(
  db: Kysely<DB>,
  probe: DuplicateProbe,
  now: Date,
): Promise<Duplicate[]> {
  const phones = [normalisePhone(probe.mobile), normalisePhone(probe.otherPhone)].filter(
    (p) => p.length >= 6,
  )
  const email = normaliseEmail(probe.email)
  const surname = normaliseName(probe.lastName)
  const dob = isRealIsoDate(probe.dateOfBirth) ? probe.dateOfBirth : ''
  const swapped = dob ? swappedDayMonth(dob) : null

  const rows = await db
    .selectFrom('clients')
    .select([...SUMMARY_COLUMNS, 'mobile_norm', 'other_phone_norm', 'email_norm', 'last_name_norm'])
    .where('merged_into_id', 'is', null)
    .$if(probe.id !== undefined, (qb) => qb.where('id', '!=', probe.id!))
    .where((eb) =>
      eb.or([
        ...(phones.length > 0
          ? [eb('mobile_norm', 'in', phones), eb('other_phone_norm', 'in', phones)]
          : []),
        ...(email ? [eb('email_norm', '=', email)] : []),
        ...(surname && dob
          ? [
              eb.and([
                eb('last_name_norm', '=', surname),
                eb('date_of_birth', 'in', swapped ? [dob, swapped] : [dob]),
              ]),
            ]
          : []),
        // Nothing to compare: match nothing rather than everything.
        eb.lit(false),
      ]),
    )
    .orderBy('last_name_norm')
    .limit(10)
    .execute()

  return rows.map((row) => {
    const reasons: Duplicate['reasons'] = []
    if (phones.some((p) => p === row.mobile_norm || p === row.other_phone_norm)) {
      reasons.push('phone')
    }
    if (email && row.email_norm === email) reasons.push('email')
    if (surname && dob && row.last_name_norm === surname) {
      if (row.date_of_birth === dob) reasons.push('surname-dob')
      else if (swapped && row.date_of_birth === swapped) reasons.push('surname-dob-swapped')
    }
    return { client: toSummary(row, now), reasons }
  })
}
