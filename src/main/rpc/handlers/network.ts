import {
  ensureHostIdentity,
  getDeskHostSettings,
  updateDeskHostSettings,
} from '../../services/desks/host-identity'
import { listDesks, renameDesk, revokeDesk } from '../../services/desks/desk-registry'
import { DomainError } from '../../services/domain-error'
import { getClinicSettings } from '../../services/settings'
import { audited } from './audited'
import type { HandlersOf } from './types'

// Listening is outside the database: handlers store the choice, and the server follows it
// after the command commits (core.network.apply).
export const networkHandlers: HandlersOf<'network.'> = {
  'network.status': ({ db, core }) => core.network.status(db),

  'network.share': audited(async ({ db, now, afterCommit, core }, input) => {
    const before = await getDeskHostSettings(db)
    const settings = { sharing: input.sharing, port: input.port ?? before.port }
    if (settings.sharing) {
      await ensureHostIdentity(db, (await getClinicSettings(db)).clinicName, now)
    }
    const changed = settings.sharing !== before.sharing || settings.port !== before.port
    if (changed) await updateDeskHostSettings(db, settings, now)
    afterCommit(() => core.network.apply())
    if (settings.sharing && !before.sharing) afterCommit(() => core.network.issuePairingCode())
    return {
      value: await core.network.status(db),
      audit: changed && {
        entityType: 'desk_host',
        entityId: 1,
        summary: settings.sharing
          ? `Shared the clinic on the network (port ${settings.port})`
          : 'Stopped sharing the clinic on the network',
      },
    }
  }),

  'network.newPairingCode': audited(async ({ db, core }) => {
    if (!(await getDeskHostSettings(db)).sharing) {
      throw new DomainError('rule_broken', 'Share the clinic on the network first.')
    }
    core.network.issuePairingCode()
    return { value: await core.network.status(db), audit: { summary: 'Showed a pairing code' } }
  }),

  'network.desks': ({ db }) => listDesks(db),

  'network.renameDesk': audited(async ({ db }, { id, name }) => ({
    value: await renameDesk(db, id, name),
    audit: { entityType: 'desk', entityId: id, summary: `Renamed a computer to ${name}` },
  })),

  'network.revokeDesk': audited(async ({ db, now, afterCommit, core }, { id }) => {
    const name = await revokeDesk(db, id, now)
    afterCommit(() => core.network.forget(id))
    return {
      value: { revoked: true as const },
      audit: { entityType: 'desk', entityId: id, summary: `Revoked ${name}` },
    }
  }),
}
