import { exportClinic, zipExport } from '../../services/portability/clinic-export'
import type { HandlersOf } from './types'

export const exportsHandlers: HandlersOf<'exports.'> = {
  'exports.clinic': async ({ db, now, audit }) => {
    const { files, counts } = await exportClinic(db, now)
    const zip = zipExport(files)
    await audit({
      action: 'export.clinic',
      entityType: 'clinic',
      summary: `Exported the clinic's records (${counts['clients'] ?? 0} clients)`,
    })
    return {
      fileName: `plinth-export-${now.toISOString().slice(0, 10)}.zip`,
      base64: Buffer.from(zip).toString('base64'),
      counts,
    }
  },
}
