import { z } from 'zod'
import { method } from './define'
import { localDate } from './diary-setup'
import { pence } from './money-values'

export const cashUpLine = z.object({
  methodId: z.number().int(),
  name: z.string(),
  expectedPence: z.number().int(),
  countedPence: z.number().int(),
  /** Counted - expected: negative is short. */
  differencePence: z.number().int(),
})

export const cashUp = z.object({
  id: z.number().int(),
  date: z.string(),
  at: z.string(),
  byName: z.string().nullable(),
  floatPence: z.number().int(),
  note: z.string(),
  lines: z.array(cashUpLine),
  differencePence: z.number().int(),
})
export type CashUp = z.output<typeof cashUp>

export const cashUpDay = z.object({
  date: z.string(),
  /** What the ledger says each method took that day (refunds netted off; no float). */
  methods: z.array(
    z.object({
      methodId: z.number().int(),
      name: z.string(),
      kind: z.string(),
      takenPence: z.number().int(),
    }),
  ),
  recorded: z.array(cashUp),
})
export type CashUpDay = z.output<typeof cashUpDay>

/** Only the owner runs the cash-up (issue 13, "Roles"). */
export const cashUpContract = {
  'cashUp.day': method({
    summary: 'Open the cash-up',
    input: z.object({ date: localDate }),
    output: cashUpDay,
    roles: ['owner'],
  }),
  'cashUp.record': method({
    summary: 'Record a cash-up',
    input: z.object({
      date: localDate,
      floatPence: pence,
      counts: z
        .array(z.object({ methodId: z.number().int().positive(), countedPence: pence }))
        .min(1, 'Count at least one method')
        .max(20),
      note: z.string().trim().max(300, 'Keep the note under 300 characters').default(''),
    }),
    output: cashUpDay,
    roles: ['owner'],
  }),
}
