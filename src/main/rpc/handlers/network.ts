import {
  ensureHostIdentity,
  getDeskHostSettings,
  updateDeskHostSettings,
} from '../../services/desks/host-identity'
import { listDesks, renameDesk, revokeDesk } from '../../services/desks/desk-registry'
import { DomainError } from '../../services/domain-error'
import { getClinicSettings } from '../../services/settings'
import type { HandlersOf } from './types'

// Listening is outside the database: handlers store the choice, and the server follows it
// after the command commits (core.network.apply).
export const networkHandlers: HandlersOf<'network.'> = {
  'network.status': ({ db, core }) => core.network.status(db),

  'network.share': async ({ db, now, audit, afterCommit, core }, input) => {
    const before = await getDeskHostSettings(db)
    const settings = { sharing: input.sharing, port: input.port ?? before.port }
    if (settings.sharing) {
      await ensureHostIdentity(db, (await getClinicSettings(db)).clinicName, now)
    }
    if (settings.sharing !== before.sharing || settings.port !== before.port) {
      await updateDeskHostSettings(db, settings, now)
      await audit({
        action: 'network.share',
        entityType: 'desk_host',
        entityId: 1,
        summary: settings.sharing
          ? `Shared the clinic on the network (port ${settings.port})`
          : 'Stopped sharing the clinic on the network',
      })
    }
    afterCommit(() => core.network.apply())
    if (settings.sharing && !before.sharing) afterCommit(() => core.network.issuePairingCode())
    return core.network.status(db)
  },

  'network.newPairingCode': async ({ db, core, audit }) => {
    if (!(await getDeskHostSettings(db)).sharing) {
      throw new DomainError('rule_broken', 'Share the clinic on the network first.')
    }
    core.network.issuePairingCode()
    await audit({ action: 'network.pairing-code', summary: 'Showed a pairing code' })
    return core.network.status(db)
  },

  'network.desks': ({ db }) => listDesks(db),

  'network.renameDesk': async ({ db, audit }, { id, name }) => {
    const desk = await renameDesk(db, id, name)
    await audit({
      action: 'network.rename-desk',
      entityType: 'desk',
      entityId: id,
      summary: `Renamed a computer to ${name}`,
    })
    return desk
  },

  'network.revokeDesk': async ({ db, now, audit, afterCommit, core }, { id }) => {
    const name = await revokeDesk(db, id, now)
    await audit({
      action: 'network.revoke-desk',
      entityType: 'desk',
      entityId: id,
      summary: `Revoked ${name}`,
    })
    afterCommit(() => core.network.forget(id))
    return { revoked: true as const }
  },
}
