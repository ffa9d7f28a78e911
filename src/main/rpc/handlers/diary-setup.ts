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
import type { HandlersOf } from './types'

async function todayOf({ db, now }: HandlerContext): Promise<string> {
  const { timeZone } = await getClinicSettings(db)
  return utcToZoned(now.getTime(), timeZone).date
}

export const therapistsHandlers: HandlersOf<'therapists.'> = {
  'therapists.list': async (ctx, input) =>
    listTherapists(ctx.db, { includeInactive: input.includeInactive, today: await todayOf(ctx) }),
  'therapists.create': async (ctx, input) => {
    const id = await createTherapist(ctx.db, input, ctx.now)
    await ctx.audit({
      action: 'therapist.create',
      entityType: 'therapist',
      entityId: id,
      summary: `Added therapist ${input.name}`,
    })
    return getTherapist(ctx.db, id, await todayOf(ctx))
  },
  'therapists.update': async (ctx, { id, ...values }) => {
    await updateTherapist(ctx.db, id, values, ctx.now)
    await ctx.audit({
      action: 'therapist.update',
      entityType: 'therapist',
      entityId: id,
      summary: `Changed therapist ${values.name}`,
    })
    return getTherapist(ctx.db, id, await todayOf(ctx))
  },
  'therapists.addTimeOff': async (ctx, input) => {
    const id = await addTimeOff(ctx.db, input, ctx.now)
    await ctx.audit({
      action: 'therapist.time-off.add',
      entityType: 'therapist',
      entityId: input.therapistId,
      summary: `Time off ${input.startsOn} to ${input.endsOn}${input.fromTime ? ` ${input.fromTime}–${input.untilTime}` : ''} (entry ${id})`,
    })
    return getTherapist(ctx.db, input.therapistId, await todayOf(ctx))
  },
  'therapists.removeTimeOff': async (ctx, { id }) => {
    const therapistId = await removeTimeOff(ctx.db, id)
    await ctx.audit({
      action: 'therapist.time-off.remove',
      entityType: 'therapist',
      entityId: therapistId,
      summary: `Removed time off (entry ${id})`,
    })
    return getTherapist(ctx.db, therapistId, await todayOf(ctx))
  },
}

export const servicesHandlers: HandlersOf<'services.'> = {
  'services.list': ({ db }, input) => listServices(db, input.includeInactive),
  'services.create': async ({ db, now, audit }, input) => {
    const service = await createService(db, input, now)
    await audit({
      action: 'service.create',
      entityType: 'service',
      entityId: service.id,
      summary: `Added service ${service.name}`,
    })
    return service
  },
  'services.update': async ({ db, now, audit }, { id, ...input }) => {
    const service = await updateService(db, id, input, now)
    await audit({
      action: 'service.update',
      entityType: 'service',
      entityId: id,
      summary: `Changed service ${service.name}`,
    })
    return service
  },
}

export const roomsHandlers: HandlersOf<'rooms.'> = {
  'rooms.list': ({ db }, input) => listRooms(db, input.includeInactive),
  'rooms.create': async ({ db, now, audit }, input) => {
    const room = await createRoom(db, input, now)
    await audit({
      action: 'room.create',
      entityType: 'room',
      entityId: room.id,
      summary: `Added room ${room.name}`,
    })
    return room
  },
  'rooms.update': async ({ db, now, audit }, { id, ...input }) => {
    const room = await updateRoom(db, id, input, now)
    await audit({
      action: 'room.update',
      entityType: 'room',
      entityId: id,
      summary: `Changed room ${room.name}`,
    })
    return room
  },
}

export const clinicHoursHandlers: HandlersOf<'clinicHours.'> = {
  'clinicHours.get': ({ db }) => getClinicHours(db),
  'clinicHours.update': async ({ db, audit }, input) => {
    const changed = await updateClinicHours(db, input)
    if (changed.length > 0) {
      await audit({
        action: 'clinic-hours.update',
        entityType: 'clinic_hours',
        entityId: 1,
        summary: `Changed ${changed.join(', ')}`,
      })
    }
    return getClinicHours(db)
  },
}
