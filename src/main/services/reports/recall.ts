import { ATTENDED } from './definitions'
import {
  figure,
  fullName,
  table,
  unknownFigure,
  type ReportContext,
  type ReportDefinition,
} from './report-kit'

const WEEK = 7 * 86_400_000

/** The recall list as of now (see DEFINITIONS.recall); the period does not change it. */
async function recallRows(ctx: ReportContext) {
  const cutoff = new Date(ctx.now.getTime() - ctx.recallWeeks * WEEK).toISOString()
  const nowIso = ctx.now.toISOString()
  const rows = await ctx.db
    .selectFrom('clients as c')
    .select((eb) => [
      'c.id',
      'c.first_name',
      'c.last_name',
      'c.mobile',
      'c.email',
      'c.marketing_email_at',
      'c.marketing_sms_at',
      eb
        .selectFrom('appointments as a')
        .select((f) => f.fn.max<string>('a.starts_at').as('m'))
        .whereRef('a.client_id', '=', 'c.id')
        .where('a.status', 'in', [...ATTENDED])
        .as('last_at'),
    ])
    .where((eb) =>
      eb.or([eb('c.marketing_email_at', 'is not', null), eb('c.marketing_sms_at', 'is not', null)]),
    )
    .where('c.archived_at', 'is', null)
    .where('c.merged_into_id', 'is', null)
    .where('c.anonymised_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('appointments as f')
            .select('f.id')
            .whereRef('f.client_id', '=', 'c.id')
            .where('f.status', '=', 'booked')
            .where('f.starts_at', '>=', nowIso),
        ),
      ),
    )
    .execute()
  return rows
    .filter((r) => r.last_at !== null && r.last_at < cutoff)
    .sort((a, b) => a.last_at!.localeCompare(b.last_at!) || a.id - b.id)
    .map((r) => ({
      clientId: r.id,
      client: fullName(r.first_name, r.last_name),
      lastSeen: r.last_at,
      weeks: Math.floor((ctx.now.getTime() - Date.parse(r.last_at!)) / WEEK),
      consent: [r.marketing_email_at ? 'E-mail' : '', r.marketing_sms_at ? 'SMS' : '']
        .filter(Boolean)
        .join(', '),
      email: r.marketing_email_at ? r.email : '',
      mobile: r.marketing_sms_at ? r.mobile : '',
    }))
}

export const recallReport: ReportDefinition = {
  async run(ctx) {
    const rows = await recallRows(ctx)
    return {
      title: `Recall: not seen for ${ctx.recallWeeks} weeks`,
      figures: [figure('recall', 'Clients to recall', 'count', rows.length, null, 'recall')],
      tables: [],
      series: [],
    }
  },
  async rows(ctx, figureId) {
    if (figureId !== 'recall') unknownFigure(figureId)
    return table(
      'recall',
      'Clients to recall',
      'recall',
      [
        ['client', 'Client', 'text'],
        ['lastSeen', 'Last attended', 'datetime'],
        ['weeks', 'Weeks since', 'count'],
        ['consent', 'Marketing consent', 'text'],
        ['email', 'E-mail', 'text'],
        ['mobile', 'Mobile', 'text'],
      ],
      await recallRows(ctx),
      { kind: 'client', key: 'clientId' },
    )
  },
}
