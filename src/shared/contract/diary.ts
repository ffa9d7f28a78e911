import { z } from 'zod'
import { ALL_STAFF } from '../roles'
import { method } from './define'
import {
  appointmentDetail,
  bookInput,
  byId,
  cancelInput,
  cancelOutput,
  daySheetInput,
  daySheetOutput,
  diaryAppointment,
  moveInput,
  nextAvailableInput,
  nextAvailableOutput,
  rangeInput,
  rangeOutput,
  seriesInput,
  seriesMoveInput,
  seriesMoveOutput,
  seriesOutput,
  serviceUsageOutput,
  statusInput,
  waitlistEntry,
  waitlistEntryInput,
} from './appointment-values'

// Everything the diary's methods take and give, for the many screens that import it from here.
export * from './appointment-values'

export const diaryContract = {
  'diary.range': method({
    summary: 'Read the diary',
    input: rangeInput,
    output: rangeOutput,
    roles: ALL_STAFF,
  }),
  'diary.nextAvailable': method({
    summary: 'Find the next free slots',
    input: nextAvailableInput,
    output: nextAvailableOutput,
    roles: ALL_STAFF,
  }),
  'diary.serviceUsage': method({
    summary: 'See which services are booked most',
    input: z.object({}),
    output: serviceUsageOutput,
    roles: ALL_STAFF,
  }),
  'diary.daySheet': method({
    summary: 'Print the day sheet',
    input: daySheetInput,
    output: daySheetOutput,
    roles: ALL_STAFF,
  }),
  'diary.daySheetPdf': method({
    summary: 'Export the day sheet to PDF',
    input: daySheetInput,
    output: z.object({ filename: z.string(), base64: z.string() }),
    roles: ALL_STAFF,
  }),
  'diary.get': method({
    summary: 'Open an appointment',
    input: byId,
    output: appointmentDetail,
    roles: ALL_STAFF,
  }),
  'diary.book': method({
    summary: 'Book an appointment',
    input: bookInput,
    output: diaryAppointment,
    roles: ALL_STAFF,
  }),
  'diary.move': method({
    summary: 'Move an appointment',
    input: moveInput,
    output: diaryAppointment,
    roles: ALL_STAFF,
  }),
  'diary.setStatus': method({
    summary: 'Mark an appointment arrived, completed or did not attend',
    input: statusInput,
    output: diaryAppointment,
    roles: ALL_STAFF,
  }),
  'diary.cancel': method({
    summary: 'Cancel an appointment',
    input: cancelInput,
    output: cancelOutput,
    roles: ALL_STAFF,
  }),
  'diary.bookSeries': method({
    summary: 'Book a repeating appointment',
    input: seriesInput,
    output: seriesOutput,
    roles: ALL_STAFF,
  }),
  'diary.moveSeries': method({
    summary: 'Move a repeating appointment (this one, this and following, or all)',
    input: seriesMoveInput,
    output: seriesMoveOutput,
    roles: ALL_STAFF,
  }),
  'waitlist.list': method({
    summary: 'Read the waiting list',
    input: z.object({}),
    output: z.array(waitlistEntry),
    roles: ALL_STAFF,
  }),
  'waitlist.add': method({
    summary: 'Add a client to the waiting list',
    input: waitlistEntryInput,
    output: waitlistEntry,
    roles: ALL_STAFF,
  }),
  'waitlist.remove': method({
    summary: 'Take a client off the waiting list',
    input: byId,
    output: z.object({ removed: z.boolean() }),
    roles: ALL_STAFF,
  }),
}
