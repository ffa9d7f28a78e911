import { addAlert, removeAlert } from '../../services/clients/alerts'
import {
  createClient,
  displayNameOf,
  getClientRecord,
  requireLiveClient,
  setArchived,
  updateClient,
} from '../../services/clients/client-record'
import { searchClients } from '../../services/clients/client-search'
import { getClientSettings, updateClientSettings } from '../../services/clients/client-settings'
import { findDuplicates } from '../../services/clients/duplicates'
import { mergeClients, undoMerge } from '../../services/clients/merge'
import { saveQuestionnaire } from '../../services/clients/questionnaire'
import { clientTimeline } from '../../services/clients/timeline'
import { appointmentsOfClient } from '../../services/clients/client-appointments'
import type { HandlersOf } from './types'

// Audit summaries name fields and actions, never health details.
export const clientsHandlers: HandlersOf<'clients.'> = {
  'clients.search': ({ db, now }, input) => searchClients(db, input, now),

  'clients.get': ({ db, now }, { id }) => getClientRecord(db, id, now),

  'clients.duplicates': ({ db, now }, probe) => findDuplicates(db, probe, now),

  'clients.create': async (ctx, input) => {
    const id = await createClient(ctx.db, input, ctx.session, ctx.now)
    await ctx.audit({
      action: 'client.create',
      entityType: 'client',
      entityId: id,
      summary: 'Created the record',
    })
    return getClientRecord(ctx.db, id, ctx.now)
  },

  'clients.update': async (ctx, { id, client }) => {
    const changed = await updateClient(ctx.db, id, client, ctx.session, ctx.now)
    if (changed.length > 0) {
      await ctx.audit({
        action: 'client.update',
        entityType: 'client',
        entityId: id,
        summary: `Changed ${changed.join(', ')}`,
      })
    }
    return getClientRecord(ctx.db, id, ctx.now)
  },

  'clients.archive': async (ctx, { id }) => {
    if (await setArchived(ctx.db, id, true, ctx.session, ctx.now)) {
      await ctx.audit({
        action: 'client.archive',
        entityType: 'client',
        entityId: id,
        summary: 'Archived',
      })
    }
    return getClientRecord(ctx.db, id, ctx.now)
  },

  'clients.unarchive': async (ctx, { id }) => {
    if (await setArchived(ctx.db, id, false, ctx.session, ctx.now)) {
      await ctx.audit({
        action: 'client.unarchive',
        entityType: 'client',
        entityId: id,
        summary: 'Brought back from the archive',
      })
    }
    return getClientRecord(ctx.db, id, ctx.now)
  },

  'clients.addAlert': async (ctx, input) => {
    await requireLiveClient(ctx.db, input.clientId)
    await addAlert(ctx.db, input, ctx.session, ctx.now)
    await ctx.audit({
      action: 'client.alert-add',
      entityType: 'client',
      entityId: input.clientId,
      summary: `Added a ${input.severity} alert`,
    })
    return getClientRecord(ctx.db, input.clientId, ctx.now)
  },

  'clients.removeAlert': async (ctx, { clientId, alertId }) => {
    await removeAlert(ctx.db, clientId, alertId, ctx.session, ctx.now)
    await ctx.audit({
      action: 'client.alert-remove',
      entityType: 'client',
      entityId: clientId,
      summary: 'Removed an alert',
    })
    return getClientRecord(ctx.db, clientId, ctx.now)
  },

  'clients.acknowledgeAlerts': async (ctx, { clientId }) => {
    const client = await requireLiveClient(ctx.db, clientId)
    await ctx.audit({
      action: 'client.alerts-acknowledge',
      entityType: 'client',
      entityId: clientId,
      summary: `Acknowledged the alerts on opening ${displayNameOf(client)}`,
    })
    return { acknowledgedAt: ctx.now.toISOString() }
  },

  'clients.saveQuestionnaire': async (ctx, { clientId, ...answers }) => {
    await requireLiveClient(ctx.db, clientId)
    const version = await saveQuestionnaire(ctx.db, clientId, answers, ctx.session, ctx.now)
    await ctx.audit({
      action: 'client.questionnaire',
      entityType: 'client',
      entityId: clientId,
      summary: `Recorded health questionnaire version ${version}`,
    })
    return getClientRecord(ctx.db, clientId, ctx.now)
  },

  'clients.timeline': ({ db }, { id }) => clientTimeline(db, id),

  'clients.appointments': ({ db, now }, { id }) => appointmentsOfClient(db, id, now),

  'clients.settings': ({ db }) => getClientSettings(db),

  'clients.updateSettings': async ({ db, audit }, input) => {
    const { settings, changed } = await updateClientSettings(db, input)
    if (changed.length > 0) {
      await audit({
        action: 'client-settings.update',
        entityType: 'client_settings',
        entityId: 1,
        summary: `Changed ${changed.join(', ')}`,
      })
    }
    return settings
  },

  'clients.merge': async (ctx, input) => {
    const { mergeId, summary } = await mergeClients(ctx.db, input, ctx.session, ctx.now)
    await ctx.audit({
      action: 'client.merge',
      entityType: 'client',
      entityId: input.keepId,
      summary: `${summary} (merge ${mergeId})`,
    })
    await ctx.audit({
      action: 'client.merged-away',
      entityType: 'client',
      entityId: input.mergeId,
      summary: `Merged into client #${input.keepId} (merge ${mergeId})`,
    })
    return { mergeId, client: await getClientRecord(ctx.db, input.keepId, ctx.now) }
  },

  'clients.undoMerge': async (ctx, { mergeId }) => {
    const { keptId, restoredId } = await undoMerge(ctx.db, mergeId, ctx.session, ctx.now)
    for (const [id, summary] of [
      [keptId, `Undid merge ${mergeId}: client #${restoredId} is separate again`],
      [restoredId, `Undid merge ${mergeId}: separate from client #${keptId} again`],
    ] as const) {
      await ctx.audit({ action: 'client.merge-undo', entityType: 'client', entityId: id, summary })
    }
    return {
      kept: await getClientRecord(ctx.db, keptId, ctx.now),
      restored: await getClientRecord(ctx.db, restoredId, ctx.now),
    }
  },
}
