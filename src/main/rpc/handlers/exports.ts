import { exportClinic, zipExport } from '../../services/portability/clinic-export'
import { audited } from './audited'
import type { HandlersOf } from './types'

export const exportsHandlers: HandlersOf<'exports.'> = {
  'exports.clinic': audited(async ({ db, now }) => {
    const { files, counts } = await exportClinic(db, now)
    const zip = zipExport(files)
    return {
      value: {
        fileName: `plinth-export-${now.toISOString().slice(0, 10)}.zip`,
        base64: Buffer.from(zip).toString('base64'),
        counts,
      },
      audit: {
        entityType: 'clinic',
        summary: `Exported the clinic's records (${counts['clients'] ?? 0} clients)`,
      },
    }
  }),
}
