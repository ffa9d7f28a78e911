import { auditCsv, listAudit } from '../../services/audit-query'
import { getClinicSettings } from '../../services/settings'
import type { HandlersOf } from './types'

export const auditHandlers: HandlersOf<'audit.'> = {
  'audit.list': async ({ db }, input) => {
    const { timeZone } = await getClinicSettings(db)
    return listAudit(db, input, timeZone)
  },
  'audit.exportCsv': async ({ db, now, audit }, input) => {
    const { timeZone } = await getClinicSettings(db)
    const { csv, rows } = await auditCsv(db, input, timeZone)
    await audit({
      action: 'audit.export',
      entityType: 'audit_log',
      summary: `Exported ${rows} audit rows as CSV`,
    })
    return { fileName: `plinth-audit-${now.toISOString().slice(0, 10)}.csv`, csv, rows }
  },
}
