import { auditCsv, listAudit } from '../../services/audit-query'
import { getClinicSettings } from '../../services/settings'
import { audited } from './audited'
import type { HandlersOf } from './types'

export const auditHandlers: HandlersOf<'audit.'> = {
  'audit.list': async ({ db }, input) => {
    const { timeZone } = await getClinicSettings(db)
    return listAudit(db, input, timeZone)
  },
  'audit.exportCsv': audited(async ({ db, now }, input) => {
    const { timeZone } = await getClinicSettings(db)
    const { csv, rows } = await auditCsv(db, input, timeZone)
    return {
      value: { fileName: `plinth-audit-${now.toISOString().slice(0, 10)}.csv`, csv, rows },
      audit: { entityType: 'audit_log', summary: `Exported ${rows} audit rows as CSV` },
    }
  }),
}
