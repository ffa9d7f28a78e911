import { getClinicSettings } from '../../services/settings'
import { getClinicHours, updateClinicHours } from '../../services/diary/clinic-hours'
import { utcToZoned } from '../../services/diary/clinic-clock'
import {
  createRoom,
  createService,
  listRooms,
  listServices,
  updateRoom,
  updateService,
} from '../../services/diary/service-catalogue'
import {
  addTimeOff,
  createTherapist,
  getTherapist,
  listTherapists,
  removeTimeOff,
  updateTherapist,
} from '../../services/diary/therapists'
import type { HandlerContext } from '../context'
import { audited } from './audited'
import type { HandlersOf } from './types'

async function todayOf({ db, now }: HandlerContext): Promise<string> {
  const { timeZone } = await getClinicSettings(db)
  return utcToZoned(now.getTime(), timeZone).date
}

export const therapistsHandlers: HandlersOf<'therapists.'> = {
  'therapists.list': async (ctx, input) =>
    listTherapists(ctx.db, { includeInactive: input.includeInactive, today: await todayOf(ctx) }),
  'therapists.create': audited(async (ctx, input) => {
    const id = await createTherapist(ctx.db, input, ctx.now)
    return {
      value: await getTherapist(ctx.db, id, await todayOf(ctx)),
      audit: { entityType: 'therapist', entityId: id, summary: `Added therapist ${input.name}` },
    }
  }),
  'therapists.update': audited(async (ctx, { id, ...values }) => {
    await updateTherapist(ctx.db, id, values, ctx.now)
    return {
      value: await getTherapist(ctx.db, id, await todayOf(ctx)),
      audit: { entityType: 'therapist', entityId: id, summary: `Changed therapist ${values.name}` },
    }
  }),
  'therapists.addTimeOff': audited(async (ctx, input) => {
    const id = await addTimeOff(ctx.db, input, ctx.now)
    return {
      value: await getTherapist(ctx.db, input.therapistId, await todayOf(ctx)),
      audit: {
        entityType: 'therapist',
        entityId: input.therapistId,
        summary: `Time off ${input.startsOn} to ${input.endsOn}${input.fromTime ? ` ${input.fromTime}–${input.untilTime}` : ''} (entry ${id})`,
      },
    }
  }),
  'therapists.removeTimeOff': audited(async (ctx, { id }) => {
    const therapistId = await removeTimeOff(ctx.db, id)
    return {
      value: await getTherapist(ctx.db, therapistId, await todayOf(ctx)),
      audit: {
        entityType: 'therapist',
        entityId: therapistId,
        summary: `Removed time off (entry ${id})`,
      },
    }
  }),
}

export const servicesHandlers: HandlersOf<'services.'> = {
  'services.list': ({ db }, input) => listServices(db, input.includeInactive),
  'services.create': audited(async ({ db, now }, input) => {
    const service = await createService(db, input, now)
    return {
      value: service,
      audit: {
        entityType: 'service',
        entityId: service.id,
        summary: `Added service ${service.name}`,
      },
    }
  }),
  'services.update': audited(async ({ db, now }, { id, ...input }) => {
    const service = await updateService(db, id, input, now)
    return {
      value: service,
      audit: { entityType: 'service', entityId: id, summary: `Changed service ${service.name}` },
    }
  }),
}

export const roomsHandlers: HandlersOf<'rooms.'> = {
  'rooms.list': ({ db }, input) => listRooms(db, input.includeInactive),
  'rooms.create': audited(async ({ db, now }, input) => {
    const room = await createRoom(db, input, now)
    return {
      value: room,
      audit: { entityType: 'room', entityId: room.id, summary: `Added room ${room.name}` },
    }
  }),
  'rooms.update': audited(async ({ db, now }, { id, ...input }) => {
    const room = await updateRoom(db, id, input, now)
    return {
      value: room,
      audit: { entityType: 'room', entityId: id, summary: `Changed room ${room.name}` },
    }
  }),
}

export const clinicHoursHandlers: HandlersOf<'clinicHours.'> = {
  'clinicHours.get': ({ db }) => getClinicHours(db),
  'clinicHours.update': audited(async ({ db }, input) => {
    const changed = await updateClinicHours(db, input)
    return {
      value: await getClinicHours(db),
      audit: changed.length > 0 && {
        entityType: 'clinic_hours',
        entityId: 1,
        summary: `Changed ${changed.join(', ')}`,
      },
    }
  }),
}
