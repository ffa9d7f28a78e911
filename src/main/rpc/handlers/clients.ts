import { addAlert, removeAlert } from '../../services/clients/alerts'
import {
  createClient,
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
import { audited } from './audited'
import type { HandlersOf } from './types'

// Audit summaries name fields and actions, never health details.
export const clientsHandlers: HandlersOf<'clients.'> = {
  'clients.search': ({ db, now }, input) => searchClients(db, input, now),

  'clients.get': ({ db, now }, { id }) => getClientRecord(db, id, now),

  'clients.duplicates': ({ db, now }, probe) => findDuplicates(db, probe, now),

  'clients.create': audited(async (ctx, input) => {
    const id = await createClient(ctx.db, input, ctx.session, ctx.now)
    return {
      value: await getClientRecord(ctx.db, id, ctx.now),
      audit: { entityType: 'client', entityId: id, summary: 'Created the record' },
    }
  }),

  'clients.update': audited(async (ctx, { id, client }) => {
    const changed = await updateClient(ctx.db, id, client, ctx.session, ctx.now)
    return {
      value: await getClientRecord(ctx.db, id, ctx.now),
      audit: changed.length > 0 && {
        entityType: 'client',
        entityId: id,
        summary: `Changed ${changed.join(', ')}`,
      },
    }
  }),

  'clients.archive': audited(async (ctx, { id }) => {
    const archived = await setArchived(ctx.db, id, true, ctx.session, ctx.now)
    return {
      value: await getClientRecord(ctx.db, id, ctx.now),
      audit: archived && { entityType: 'client', entityId: id, summary: 'Archived' },
    }
  }),

  'clients.unarchive': audited(async (ctx, { id }) => {
    const back = await setArchived(ctx.db, id, false, ctx.session, ctx.now)
    return {
      value: await getClientRecord(ctx.db, id, ctx.now),
      audit: back && {
        entityType: 'client',
        entityId: id,
        summary: 'Brought back from the archive',
      },
    }
  }),

  'clients.addAlert': audited(async (ctx, input) => {
    await requireLiveClient(ctx.db, input.clientId)
    await addAlert(ctx.db, input, ctx.session, ctx.now)
    return {
      value: await getClientRecord(ctx.db, input.clientId, ctx.now),
      audit: {
        entityType: 'client',
        entityId: input.clientId,
        summary: `Added a ${input.severity} alert`,
      },
    }
  }),

  'clients.removeAlert': audited(async (ctx, { clientId, alertId }) => {
    await removeAlert(ctx.db, clientId, alertId, ctx.session, ctx.now)
    return {
      value: await getClientRecord(ctx.db, clientId, ctx.now),
      audit: { entityType: 'client', entityId: clientId, summary: 'Removed an alert' },
    }
  }),

  'clients.acknowledgeAlerts': audited(async (ctx, { clientId }) => {
    await requireLiveClient(ctx.db, clientId)
    return {
      value: { acknowledgedAt: ctx.now.toISOString() },
      audit: {
        entityType: 'client',
        entityId: clientId,
        // No name: the audit outlives an anonymised record (its entity id says whose).
        summary: "Acknowledged the alerts on opening the client's record",
      },
    }
  }),

  'clients.saveQuestionnaire': audited(async (ctx, { clientId, ...answers }) => {
    await requireLiveClient(ctx.db, clientId)
    const version = await saveQuestionnaire(ctx.db, clientId, answers, ctx.session, ctx.now)
    return {
      value: await getClientRecord(ctx.db, clientId, ctx.now),
      audit: {
        entityType: 'client',
        entityId: clientId,
        summary: `Recorded health questionnaire version ${version}`,
      },
    }
  }),

  'clients.timeline': ({ db }, { id }) => clientTimeline(db, id),

  'clients.appointments': ({ db, now }, { id }) => appointmentsOfClient(db, id, now),

  'clients.settings': ({ db }) => getClientSettings(db),

  'clients.updateSettings': audited(async ({ db }, input) => {
    const { settings, changed } = await updateClientSettings(db, input)
    return {
      value: settings,
      audit: changed.length > 0 && {
        entityType: 'client_settings',
        entityId: 1,
        summary: `Changed ${changed.join(', ')}`,
      },
    }
  }),

  'clients.merge': audited(async (ctx, input) => {
    const { mergeId, summary } = await mergeClients(ctx.db, input, ctx.session, ctx.now)
    return {
      value: { mergeId, client: await getClientRecord(ctx.db, input.keepId, ctx.now) },
      audit: [
        { entityType: 'client', entityId: input.keepId, summary: `${summary} (merge ${mergeId})` },
        {
          action: 'clients.mergedAway',
          entityType: 'client',
          entityId: input.mergeId,
          summary: `Merged into client #${input.keepId} (merge ${mergeId})`,
        },
      ],
    }
  }),

  'clients.undoMerge': audited(async (ctx, { mergeId }) => {
    const { keptId, restoredId } = await undoMerge(ctx.db, mergeId, ctx.session, ctx.now)
    return {
      value: {
        kept: await getClientRecord(ctx.db, keptId, ctx.now),
        restored: await getClientRecord(ctx.db, restoredId, ctx.now),
      },
      audit: [
        {
          entityType: 'client',
          entityId: keptId,
          summary: `Undid merge ${mergeId}: client #${restoredId} is separate again`,
        },
        {
          entityType: 'client',
          entityId: restoredId,
          summary: `Undid merge ${mergeId}: separate from client #${keptId} again`,
        },
      ],
    }
  }),
}
