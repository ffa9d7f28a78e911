import { getClinicSettings } from '../../services/settings'
import {
  bookAppointment,
  loadService,
  moveAppointment,
} from '../../services/diary/appointment-commands'
import { cancelAppointment, setAppointmentStatus } from '../../services/diary/appointment-status'
import {
  appointmentsInRange,
  getAppointmentDetail,
  getDiaryAppointment,
} from '../../services/diary/appointment-read'
import { getCancellationNoticeHours } from '../../services/diary/clinic-hours'
import { daySheet } from '../../services/diary/day-sheet'
import { daySheetPdf } from '../../services/diary/day-sheet-pdf'
import { nextAvailable } from '../../services/diary/next-available'
import { serviceUsage } from '../../services/diary/service-usage'
import { bookSeries } from '../../services/diary/recurrence'
import { moveSeries } from '../../services/diary/series-move'
import {
  addToWaitlist,
  listWaitlist,
  removeFromWaitlist,
  waitlistMatches,
} from '../../services/diary/waitlist'
import { workingSpans } from '../../services/diary/working-spans'
import type { HandlersOf } from './types'

export const diaryHandlers: HandlersOf<'diary.'> = {
  'diary.range': async (ctx, input) => {
    const appointments = await appointmentsInRange(ctx.db, input)
    return {
      appointments,
      ...(await workingSpans(ctx.db, input.from, input.to, input.therapistIds)),
    }
  },
  'diary.nextAvailable': async (ctx, input) => {
    const service = await loadService(ctx.db, input.serviceId)
    return nextAvailable(ctx.db, {
      service,
      therapistId: input.therapistId,
      from: input.from ? Date.parse(input.from) : ctx.now.getTime(),
      days: input.days,
      partOfDay: input.partOfDay,
      limit: input.limit,
      after: input.after,
    })
  },
  'diary.serviceUsage': (ctx) => serviceUsage(ctx.db, ctx.now),
  'diary.daySheet': async (ctx, input) => {
    const { timeZone } = await getClinicSettings(ctx.db)
    return daySheet(ctx.db, input.date, input.therapistId, timeZone)
  },
  'diary.daySheetPdf': async (ctx, input) => {
    const { timeZone, clinicName } = await getClinicSettings(ctx.db)
    const sheet = await daySheet(ctx.db, input.date, input.therapistId, timeZone)
    const bytes = await daySheetPdf(sheet, clinicName, timeZone)
    // The file leaves the app with clients' phones and medical alerts on it: keep a record.
    await ctx.audit({
      action: 'diary.day-sheet-pdf',
      entityType: 'day_sheet',
      entityId: input.date,
      summary: `Exported the day sheet for ${input.date} (${sheet.therapists.reduce((n, t) => n + t.rows.length, 0)} appointments) to PDF`,
    })
    const who =
      input.therapistId === null
        ? ''
        : `-${(sheet.therapists[0]?.name ?? 'therapist').replace(/[^A-Za-z0-9]+/g, '-')}`
    return {
      filename: `day-sheet-${input.date}${who}.pdf`,
      base64: Buffer.from(bytes).toString('base64'),
    }
  },
}

export const appointmentsHandlers: HandlersOf<'appointments.'> = {
  'appointments.get': ({ db }, { id }) => getAppointmentDetail(db, id),
  'appointments.book': async (ctx, input) => {
    const booked = await bookAppointment(ctx.db, input, ctx.session, ctx.now)
    await ctx.audit({
      action: 'appointment.book',
      entityType: 'appointment',
      entityId: booked.id,
      summary: `Booked ${booked.serviceName} at ${booked.startsAt}${booked.overrideReason ? ' (rules overridden)' : ''}`,
    })
    return booked
  },
  'appointments.move': async (ctx, input) => {
    const { appointment, summary } = await moveAppointment(ctx.db, input, ctx.session, ctx.now)
    await ctx.audit({
      action: 'appointment.move',
      entityType: 'appointment',
      entityId: appointment.id,
      summary: `${summary}${input.override ? ' (rules overridden)' : ''}`,
    })
    return appointment
  },
  'appointments.setStatus': async (ctx, input) => {
    const { appointment, from } = await setAppointmentStatus(ctx.db, input, ctx.session, ctx.now)
    await ctx.audit({
      action: `appointment.${input.status}`,
      entityType: 'appointment',
      entityId: input.id,
      // An undone "completed" is worth seeing in the log: say what it was.
      summary: `Marked ${input.status.replace('_', ' ')} (was ${from.replace('_', ' ')})`,
    })
    return appointment
  },
  'appointments.cancel': async (ctx, input) => {
    const notice = await getCancellationNoticeHours(ctx.db)
    const result = await cancelAppointment(ctx.db, input, ctx.session, ctx.now, notice)
    for (const id of result.cancelled) {
      await ctx.audit({
        action: 'appointment.cancel',
        entityType: 'appointment',
        entityId: id,
        summary: `Cancelled by the ${input.by}${id === input.id && result.lateCancellation ? ' (late)' : ''}`,
      })
    }
    const freed = await getDiaryAppointment(ctx.db, input.id)
    const { timeZone } = await getClinicSettings(ctx.db)
    const matches =
      Date.parse(freed.startsAt) > ctx.now.getTime()
        ? await waitlistMatches(ctx.db, freed, timeZone)
        : []
    return { ...result, waitlistMatches: matches.filter((m) => m.clientId !== freed.clientId) }
  },
  'appointments.bookSeries': async (ctx, input) => {
    const result = await bookSeries(ctx.db, input, ctx.session, ctx.now)
    if (result.seriesId !== null) {
      await ctx.audit({
        action: 'appointment.book-series',
        entityType: 'appointment_series',
        entityId: result.seriesId,
        summary: `Booked ${result.occurrences.filter((o) => o.appointmentId).length} repeating appointments every ${input.everyWeeks} week(s)`,
      })
    }
    return result
  },
  'appointments.moveSeries': async (ctx, input) => {
    const result = await moveSeries(ctx.db, input, ctx.session, ctx.now)
    if (!input.dryRun) {
      for (const o of result.occurrences) {
        await ctx.audit({
          action: 'appointment.move',
          entityType: 'appointment',
          entityId: o.appointmentId,
          summary: `Moved (${input.scope === 'one' ? 'this one' : input.scope === 'following' ? 'this and following' : 'whole series'}) from ${o.fromStartsAt} to ${o.startsAt}`,
        })
      }
    }
    return result
  },
}

export const waitlistHandlers: HandlersOf<'waitlist.'> = {
  'waitlist.list': ({ db }) => listWaitlist(db),
  'waitlist.add': async (ctx, input) => {
    const entry = await addToWaitlist(ctx.db, input, ctx.session?.userId ?? null, ctx.now)
    await ctx.audit({
      action: 'waitlist.add',
      entityType: 'waitlist',
      entityId: entry.id,
      summary: 'Added to the waiting list',
    })
    return entry
  },
  'waitlist.remove': async (ctx, { id }) => {
    await removeFromWaitlist(ctx.db, id, ctx.now)
    await ctx.audit({
      action: 'waitlist.remove',
      entityType: 'waitlist',
      entityId: id,
      summary: 'Taken off the waiting list',
    })
    return { removed: true }
  },
}
