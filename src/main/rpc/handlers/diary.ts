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
import { audited } from './audited'
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
      clientId: input.clientId,
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
  'diary.daySheetPdf': audited(async (ctx, input) => {
    const { timeZone, clinicName } = await getClinicSettings(ctx.db)
    const sheet = await daySheet(ctx.db, input.date, input.therapistId, timeZone)
    const bytes = await daySheetPdf(sheet, clinicName, timeZone)
    const who =
      input.therapistId === null
        ? ''
        : `-${(sheet.therapists[0]?.name ?? 'therapist').replace(/[^A-Za-z0-9]+/g, '-')}`
    return {
      value: {
        filename: `day-sheet-${input.date}${who}.pdf`,
        base64: Buffer.from(bytes).toString('base64'),
      },
      // The file leaves the app with clients' phones and medical alerts on it: keep a record.
      audit: {
        entityType: 'day_sheet',
        entityId: input.date,
        summary: `Exported the day sheet for ${input.date} (${sheet.therapists.reduce((n, t) => n + t.rows.length, 0)} appointments) to PDF`,
      },
    }
  }),
  'diary.get': ({ db }, { id }) => getAppointmentDetail(db, id),
  'diary.book': audited(async (ctx, input) => {
    const booked = await bookAppointment(ctx.db, input, ctx.session, ctx.now)
    return {
      value: booked,
      audit: {
        entityType: 'appointment',
        entityId: booked.id,
        summary: `Booked ${booked.serviceName} at ${booked.startsAt}${booked.overrideReason ? ' (rules overridden)' : ''}`,
      },
    }
  }),
  'diary.move': audited(async (ctx, input) => {
    const { appointment, summary } = await moveAppointment(ctx.db, input, ctx.session, ctx.now)
    return {
      value: appointment,
      audit: {
        entityType: 'appointment',
        entityId: appointment.id,
        summary: `${summary}${input.override ? ' (rules overridden)' : ''}`,
      },
    }
  }),
  'diary.setStatus': audited(async (ctx, input) => {
    const { appointment, from } = await setAppointmentStatus(ctx.db, input, ctx.session, ctx.now)
    return {
      value: appointment,
      audit: {
        entityType: 'appointment',
        entityId: input.id,
        // An undone "completed" is worth seeing in the log: say what it was.
        summary: `Marked ${input.status.replace('_', ' ')} (was ${from.replace('_', ' ')})`,
      },
    }
  }),
  'diary.cancel': audited(async (ctx, input) => {
    const notice = await getCancellationNoticeHours(ctx.db)
    const result = await cancelAppointment(ctx.db, input, ctx.session, ctx.now, notice)
    const freed = await getDiaryAppointment(ctx.db, input.id)
    const { timeZone } = await getClinicSettings(ctx.db)
    const matches =
      Date.parse(freed.startsAt) > ctx.now.getTime()
        ? await waitlistMatches(ctx.db, freed, timeZone)
        : []
    return {
      value: { ...result, waitlistMatches: matches.filter((m) => m.clientId !== freed.clientId) },
      audit: result.cancelled.map((id) => ({
        entityType: 'appointment',
        entityId: id,
        summary: `Cancelled by the ${input.by}${id === input.id && result.lateCancellation ? ' (late)' : ''}`,
      })),
    }
  }),
  'diary.bookSeries': audited(async (ctx, input) => {
    const result = await bookSeries(ctx.db, input, ctx.session, ctx.now)
    return {
      value: result,
      audit: result.seriesId !== null && {
        entityType: 'appointment_series',
        entityId: result.seriesId,
        summary: `Booked ${result.occurrences.filter((o) => o.appointmentId).length} repeating appointments every ${input.everyWeeks} week(s)`,
      },
    }
  }),
  'diary.moveSeries': audited(async (ctx, input) => {
    const result = await moveSeries(ctx.db, input, ctx.session, ctx.now)
    const scope =
      input.scope === 'one'
        ? 'this one'
        : input.scope === 'following'
          ? 'this and following'
          : 'whole series'
    return {
      value: result,
      audit:
        !input.dryRun &&
        result.occurrences.map((o) => ({
          entityType: 'appointment',
          entityId: o.appointmentId,
          summary: `Moved (${scope}) from ${o.fromStartsAt} to ${o.startsAt}`,
        })),
    }
  }),
}

export const waitlistHandlers: HandlersOf<'waitlist.'> = {
  'waitlist.list': ({ db }) => listWaitlist(db),
  'waitlist.add': audited(async (ctx, input) => {
    const entry = await addToWaitlist(ctx.db, input, ctx.session.userId, ctx.now)
    return {
      value: entry,
      audit: { entityType: 'waitlist', entityId: entry.id, summary: 'Added to the waiting list' },
    }
  }),
  'waitlist.remove': audited(async (ctx, { id }) => {
    await removeFromWaitlist(ctx.db, id, ctx.now)
    return {
      value: { removed: true },
      audit: { entityType: 'waitlist', entityId: id, summary: 'Taken off the waiting list' },
    }
  }),
}
