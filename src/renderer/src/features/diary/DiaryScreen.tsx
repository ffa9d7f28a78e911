import { memo, useCallback, useEffect, useMemo, useState } from 'react'
import { Calendar, type SlotInfo } from 'react-big-calendar'
import { withDragAndDrop, type EventInteractionArgs } from './drag-and-drop'
import 'react-big-calendar/lib/css/react-big-calendar.css'
import 'react-big-calendar/lib/addons/dragAndDrop/styles.css'
import './diary.css'
import { addDays, format, startOfDay } from 'date-fns'
import type { DiaryAppointment } from '../../../../shared/contract/appointments'
import type { Therapist } from '../../../../shared/contract/diary-setup'
import { RpcError } from '../../../../shared/rpc'
import {
  useClinicHours,
  useDiaryRange,
  useMoveAppointment,
  useMoveSeries,
  usePrefetchRanges,
  useTherapists,
} from '../../api/diary'
import { Icon } from '../../components/Icon'
import { AppointmentDialog } from './AppointmentDialog'
import { SeriesDropDialog, type SeriesDrop } from './SeriesDropDialog'
import type { SeriesScope } from './SeriesScopeFields'
import { WaitlistDialog } from './WaitlistDialog'
import {
  acknowledgeBooking,
  acknowledgedBooking,
  openBooking,
  useBookingState,
} from './booking-store'
import { CULTURE, formats, localizer } from './calendar-setup'
import {
  DEFAULT_TIME_ZONE,
  formatClinic,
  fromWall,
  toWall,
} from '../../../../shared/diary/wall-clock'
import { useClinicTimeZone } from './use-clinic-time-zone'
import { useFocusableScrollRegions } from './use-focusable-scroll-regions'
import { fetchRange, step, type DiaryView } from './visible-range'

export interface DiaryEvent {
  id: number
  title: string
  start: Date
  end: Date
  resourceId: number
  appt: DiaryAppointment
  /** The therapist's name and colour: the all-therapists week tells bookings apart by them. */
  who: string
  whoColour: string
}

const DnDCalendar = withDragAndDrop<DiaryEvent, Therapist>(Calendar)

const VIEWS: { id: DiaryView; label: string }[] = [
  { id: 'day', label: 'Day' },
  { id: 'week', label: 'Week' },
  { id: 'month', label: 'Month' },
  { id: 'agenda', label: 'Agenda' },
]

const VIEW_LIST: DiaryView[] = ['day', 'week', 'month', 'agenda']

interface Notice {
  kind: 'error' | 'ok'
  text: string
}

type Span = { s: number; e: number; kind: 'work' | 'break' }

function timeOfDay(hhmm: string): Date {
  const d = new Date(1970, 0, 1)
  d.setHours(Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5)), 0, 0)
  return d
}

export function DiaryScreen() {
  // Every Date handed to the calendar is on the clinic's wall clock (see clinic-time.ts).
  const tz = useClinicTimeZone()
  const [date, setDate] = useState(() => toWall(Date.now(), DEFAULT_TIME_ZONE))
  const [view, setView] = useState<DiaryView>('day')
  const [calendarBox, setCalendarBox] = useState<HTMLDivElement | null>(null)
  useFocusableScrollRegions(calendarBox)
  const [therapistFilter, setTherapistFilter] = useState<number | 'all'>('all')
  const [notice, setNotice] = useState<Notice | null>(null)
  const [openId, setOpenId] = useState<number | null>(null)
  const [waitlistOpen, setWaitlistOpen] = useState(false)
  const [scrollTarget, setScrollTarget] = useState<Date | null>(null)

  const therapists = useTherapists()
  const { booked } = useBookingState()
  // A booking just made elsewhere (Ctrl+B): show its day. Adjusted during render, not in an
  // effect, so the diary does not draw the old day first.
  const [seenBooked, setSeenBooked] = useState(acknowledgedBooking)
  useEffect(() => acknowledgeBooking(booked), [booked])
  if (booked !== seenBooked) {
    setSeenBooked(booked)
    if (booked) {
      setDate(toWall(booked.startsAt, tz))
      setScrollTarget(toWall(booked.startsAt, tz))
      setNotice({
        kind: 'ok',
        text: `Booked for ${formatClinic(booked.startsAt, 'EEEE d MMMM, HH:mm', tz)}.`,
      })
    }
  }
  const hours = useClinicHours()
  const range = useMemo(() => fetchRange(view, date), [view, date])
  const fromIso = fromWall(range.from, tz).toISOString()
  const toIso = fromWall(range.to, tz).toISOString()
  const diary = useDiaryRange(fromIso, toIso)
  const neighbours = useMemo(
    () =>
      // Two either side, nearest first: a quick next-next does not wait on a fetch.
      ([1, -1, 2, -2] as const).map((d) => {
        const r = fetchRange(view, step(view, date, d))
        return { from: fromWall(r.from, tz).toISOString(), to: fromWall(r.to, tz).toISOString() }
      }),
    [view, date, tz],
  )
  const prefetch = usePrefetchRanges(neighbours)
  // Once this range is on screen, fetch the ones either side, so next/previous draw at once.
  useEffect(() => {
    if (diary.isSuccess && !diary.isPlaceholderData) prefetch()
  }, [diary.isSuccess, diary.isPlaceholderData, prefetch])
  const move = useMoveAppointment()
  const moveSeries = useMoveSeries()
  // A repeating booking dropped somewhere new waits here until the user says how many move.
  const [seriesDrop, setSeriesDrop] = useState<SeriesDrop | null>(null)

  const shown = useMemo(
    () =>
      (therapists.data ?? []).filter(
        (t) => therapistFilter === 'all' || view === 'day' || t.id === therapistFilter,
      ),
    [therapists.data, therapistFilter, view],
  )
  const shownIds = useMemo(() => new Set(shown.map((t) => t.id)), [shown])

  // Date objects are made once per fetched range: react-big-calendar re-measures every event
  // whose start or end is a new object, which is what makes big diaries slow.
  // And one event object per appointment object: a move patches only the moved booking in the
  // cached range, so every other event keeps its identity and its (memoised) body is not
  // redrawn, which is most of the cost of a drop in a full week.
  const eventCache = useMemo(
    () => ({ tz, therapists: therapists.data, map: new WeakMap<DiaryAppointment, DiaryEvent>() }),
    [tz, therapists.data],
  )
  const allEvents = useMemo<DiaryEvent[]>(() => {
    const byId = new Map((eventCache.therapists ?? []).map((t) => [t.id, t]))
    return (diary.data?.appointments ?? []).map((a) => {
      let event = eventCache.map.get(a)
      if (!event) {
        event = {
          id: a.id,
          title: `${a.clientName} · ${a.serviceName}`,
          start: toWall(a.startsAt, eventCache.tz),
          end: toWall(a.endsAt, eventCache.tz),
          resourceId: a.therapistId,
          appt: a,
          who: byId.get(a.therapistId)?.name ?? '',
          whoColour: byId.get(a.therapistId)?.colour ?? a.serviceColour,
        }
        eventCache.map.set(a, event)
      }
      return event
    })
  }, [diary.data, eventCache])
  // The day view is handed only that day's bookings (the whole week is fetched): the calendar
  // tests every event against every therapist column with date-fns, 7 times the work otherwise.
  const dayStart = view === 'day' ? startOfDay(date).getTime() : null
  const events = useMemo(() => {
    if (dayStart === null) return allEvents.filter((e) => shownIds.has(e.resourceId))
    const dayEnd = addDays(new Date(dayStart), 1).getTime()
    return allEvents.filter(
      (e) => shownIds.has(e.resourceId) && e.start.getTime() < dayEnd && e.end.getTime() > dayStart,
    )
  }, [allEvents, shownIds, dayStart])

  const working = useMemo(() => {
    const map = new Map<number, Span[]>()
    for (const w of diary.data?.working ?? []) {
      const list = map.get(w.therapistId) ?? []
      list.push({
        s: toWall(w.startsAt, tz).getTime(),
        e: toWall(w.endsAt, tz).getTime(),
        kind: w.kind,
      })
      map.set(w.therapistId, list)
    }
    return map
  }, [diary.data, tz])
  const closures = useMemo(
    () => new Map((diary.data?.closures ?? []).map((c) => [c.date, c.reason])),
    [diary.data],
  )

  const slotPropGetter = useCallback(
    (slot: Date, resourceId?: number | string) => {
      const t = slot.getTime()
      // Only the day view has a column per therapist; elsewhere (and in the time gutter)
      // react-big-calendar passes no id, or a placeholder one.
      const ids =
        view === 'day' && typeof resourceId === 'number'
          ? [resourceId]
          : shown.map((therapist) => therapist.id)
      let inWork = false
      let inBreak = false
      for (const id of ids) {
        for (const span of working.get(id) ?? []) {
          if (t >= span.s && t < span.e) {
            if (span.kind === 'break') inBreak = true
            else inWork = true
          }
        }
      }
      if (inBreak && ids.length === 1) return { className: 'slot-break' }
      return inWork ? {} : { className: 'slot-off' }
    },
    [working, shown, view],
  )

  const dayPropGetter = useCallback(
    (day: Date) => (closures.has(format(day, 'yyyy-MM-dd')) ? { className: 'day-closed' } : {}),
    [closures],
  )

  // With everyone's week in one grid, the stripe shows the therapist rather than the service.
  const everyone = view === 'week' && therapistFilter === 'all'
  const eventPropGetter = useCallback(
    (event: DiaryEvent) => ({
      className: `ev ev-${event.appt.status}${event.appt.alerts.length ? ' ev-alert' : ''}`,
      style: { borderLeftColor: everyone ? event.whoColour : event.appt.serviceColour },
    }),
    [everyone],
  )

  const { min, max, scrollToTime } = useMemo(() => {
    const opening = hours.data?.opening ?? []
    const opens = opening.map((o) => o.opens).sort()[0] ?? '08:00'
    const closes =
      opening
        .map((o) => o.closes)
        .sort()
        .at(-1) ?? '20:00'
    const early = `${String(Math.max(0, Number(opens.slice(0, 2)) - 1)).padStart(2, '0')}:00`
    const lateHour = Math.min(23, Number(closes.slice(0, 2)) + (closes.endsWith('00') ? 0 : 1))
    return {
      min: timeOfDay(early),
      max: timeOfDay(`${String(lateHour).padStart(2, '0')}:59`),
      scrollToTime: scrollTarget
        ? timeOfDay(`${String(Math.max(0, scrollTarget.getHours() - 1)).padStart(2, '0')}:00`)
        : timeOfDay(opens),
    }
  }, [hours.data, scrollTarget])

  const reschedule = useCallback(
    async (
      { event, start, end, resourceId }: EventInteractionArgs<DiaryEvent>,
      resize: boolean,
    ) => {
      setNotice(null)
      if (event.appt.seriesId !== null && !resize) {
        setSeriesDrop({
          appointment: event.appt,
          therapistId: resourceId !== undefined ? Number(resourceId) : event.resourceId,
          startsAt: fromWall(new Date(start), tz).toISOString(),
        })
        return
      }
      try {
        await move.mutateAsync({
          id: event.id,
          therapistId: resourceId !== undefined ? Number(resourceId) : event.resourceId,
          startsAt: fromWall(new Date(start), tz).toISOString(),
          ...(resize ? { endsAt: fromWall(new Date(end), tz).toISOString() } : {}),
        })
        setNotice({
          kind: 'ok',
          text: `${event.appt.clientName} ${resize ? 'now ends' : 'moved to'} ${format(new Date(resize ? end : start), 'EEE d MMM HH:mm')}.`,
        })
      } catch (error) {
        // The event was never moved in our data, so it is already back where it was.
        setNotice({
          kind: 'error',
          text: `Not moved: ${error instanceof RpcError ? error.message : 'something went wrong.'}`,
        })
      }
    },
    [move, tz],
  )
  const moveRepeating = useCallback(
    async (drop: SeriesDrop, scope: SeriesScope) => {
      setSeriesDrop(null)
      const label = formatClinic(drop.startsAt, 'EEE d MMM HH:mm', tz)
      try {
        if (scope === 'one') {
          await move.mutateAsync({
            id: drop.appointment.id,
            therapistId: drop.therapistId,
            startsAt: drop.startsAt,
          })
          setNotice({ kind: 'ok', text: `${drop.appointment.clientName} moved to ${label}.` })
          return
        }
        const r = await moveSeries.mutateAsync({
          id: drop.appointment.id,
          therapistId: drop.therapistId,
          startsAt: drop.startsAt,
          scope,
        })
        setNotice({
          kind: 'ok',
          text: `${drop.appointment.clientName}: ${r.occurrences.length} repeating appointments moved, from ${label}.`,
        })
      } catch (error) {
        setNotice({
          kind: 'error',
          text: `Not moved: ${error instanceof RpcError ? error.message : 'something went wrong.'}`,
        })
      }
    },
    [move, moveSeries, tz],
  )
  const onEventDrop = useCallback(
    (args: EventInteractionArgs<DiaryEvent>) => void reschedule(args, false),
    [reschedule],
  )
  const onEventResize = useCallback(
    (args: EventInteractionArgs<DiaryEvent>) => void reschedule(args, true),
    [reschedule],
  )
  const onSelectSlot = useCallback(
    (slot: SlotInfo) => {
      const therapistId =
        slot.resourceId !== undefined
          ? Number(slot.resourceId)
          : therapistFilter !== 'all'
            ? therapistFilter
            : undefined
      if (view === 'month') {
        setDate(slot.start)
        setView('day')
        return
      }
      openBooking({ therapistId, startsAt: fromWall(slot.start, tz).toISOString() })
    },
    [therapistFilter, view, tz],
  )
  const onSelectEvent = useCallback((event: DiaryEvent) => setOpenId(event.id), [])
  const draggable = useCallback(
    (event: DiaryEvent) => event.appt.status === 'booked' || event.appt.status === 'arrived',
    [],
  )
  const notResizable = useCallback(() => false, [])
  const components = useMemo(() => ({ event: EventBody }), [])
  const onNavigate = useCallback((d: Date) => setDate(d), [])
  // The now line and "today" follow the clinic's clock too.
  const getNow = useCallback(() => toWall(Date.now(), tz), [tz])
  const onView = useCallback((v: string) => setView(v as DiaryView), [])

  const heading =
    view === 'day'
      ? format(date, 'EEEE d MMMM yyyy')
      : view === 'month'
        ? format(date, 'MMMM yyyy')
        : `${format(range.from, 'd MMM')} – ${format(new Date(range.to.getTime() - 1), 'd MMM yyyy')}`

  const noTherapists = therapists.data?.length === 0
  return (
    <div className="diary-screen">
      <header className="diary-head">
        <div className="diary-title">
          <h1>Diary</h1>
          <p className="diary-date" aria-live="polite">
            {heading}
          </p>
          <button
            type="button"
            className="button primary"
            aria-keyshortcuts="Control+B"
            title="New booking (Ctrl+B)"
            onClick={() => openBooking()}
          >
            New booking <kbd>Ctrl B</kbd>
          </button>
        </div>
        <div className="diary-tools">
          <div className="button-group" role="group" aria-label="Move through the diary">
            <button type="button" className="button secondary" onClick={() => setDate(getNow())}>
              Today
            </button>
            <button
              type="button"
              className="button secondary icon-button"
              aria-label={`Previous ${view}`}
              onClick={() => setDate((d) => step(view, d, -1))}
            >
              ‹
            </button>
            <button
              type="button"
              className="button secondary icon-button"
              aria-label={`Next ${view}`}
              onClick={() => setDate((d) => step(view, d, 1))}
            >
              ›
            </button>
          </div>
          <div className="button-group" role="group" aria-label="Diary view">
            {VIEWS.map((v) => (
              <button
                key={v.id}
                type="button"
                className={`button secondary${view === v.id ? ' selected' : ''}`}
                aria-pressed={view === v.id}
                onClick={() => setView(v.id)}
              >
                {v.label}
              </button>
            ))}
          </div>
          {view !== 'day' && (
            <label className="inline-select">
              <span>Therapist</span>
              <select
                value={therapistFilter}
                onChange={(e) =>
                  setTherapistFilter(e.target.value === 'all' ? 'all' : Number(e.target.value))
                }
              >
                <option value="all">Everyone</option>
                {(therapists.data ?? []).map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" className="button secondary" onClick={() => setWaitlistOpen(true)}>
            Waiting list
          </button>
          <a className="button secondary" href={`#/diary/sheet/${format(date, 'yyyy-MM-dd')}`}>
            Day sheet
          </a>
        </div>
      </header>
      {notice && (
        <div
          className={`banner ${notice.kind === 'error' ? 'banner-error' : 'banner-ok'}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          <Icon name={notice.kind === 'error' ? 'alert' : 'check'} /> {notice.text}
          <button
            type="button"
            className="button link banner-close"
            onClick={() => setNotice(null)}
            aria-label="Dismiss"
          >
            ×
          </button>
        </div>
      )}
      {everyone && shown.length > 1 && (
        <ul className="therapist-legend" aria-label="Colour key">
          {shown.map((t) => (
            <li key={t.id}>
              <span className="swatch" style={{ backgroundColor: t.colour }} aria-hidden="true" />
              {t.name}
            </li>
          ))}
        </ul>
      )}
      {diary.isError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> The diary could not be loaded: {diary.error.message}
        </div>
      )}
      {noTherapists ? (
        <section className="card empty-state">
          <h2>No therapists yet</h2>
          <p>
            The owner adds therapists, their working week and services under Settings → Therapists;
            the diary fills in from there.
          </p>
        </section>
      ) : (
        <div
          ref={setCalendarBox}
          className={`diary-calendar view-${view}${everyone ? ' everyone' : ''}`}
          data-testid="diary-calendar"
          // For tests and the Chromium bench: which range is on screen, and whether it is current.
          data-range={fromIso}
          data-state={diary.isFetching || diary.isPlaceholderData ? 'loading' : 'ready'}
        >
          <DnDCalendar
            localizer={localizer}
            getNow={getNow}
            culture={CULTURE}
            formats={formats}
            events={events}
            date={date}
            view={view}
            views={VIEW_LIST}
            onNavigate={onNavigate}
            onView={onView}
            toolbar={false}
            step={15}
            timeslots={4}
            min={min}
            max={max}
            scrollToTime={scrollToTime}
            {...(view === 'day'
              ? {
                  resources: shown,
                  resourceIdAccessor: 'id' as const,
                  resourceTitleAccessor: 'name' as const,
                }
              : {})}
            slotPropGetter={slotPropGetter}
            dayPropGetter={dayPropGetter}
            eventPropGetter={eventPropGetter}
            components={components}
            selectable
            resizable
            draggableAccessor={draggable}
            // In everyone's week the bookings are too narrow to grab an edge, and each resize
            // handle is four more elements per booking to lay out on every next/previous.
            resizableAccessor={everyone ? notResizable : draggable}
            onEventDrop={onEventDrop}
            onEventResize={onEventResize}
            onSelectSlot={onSelectSlot}
            onSelectEvent={onSelectEvent}
            popup
            showMultiDayTimes={false}
            // Side by side, never stacked on top of each other: in the all-therapists week
            // several bookings share a time, and "overlap" hid all but the last one's name.
            dayLayoutAlgorithm="no-overlap"
          />
        </div>
      )}
      {openId !== null && <AppointmentDialog id={openId} onClose={() => setOpenId(null)} />}
      {seriesDrop && (
        <SeriesDropDialog
          drop={seriesDrop}
          onChoose={(scope) => void moveRepeating(seriesDrop, scope)}
          onClose={() => setSeriesDrop(null)}
        />
      )}
      {waitlistOpen && <WaitlistDialog onClose={() => setWaitlistOpen(false)} />}
    </div>
  )
}

// Memoised: react-big-calendar redraws every event's body on any change to the calendar.
const EventBody = memo(function EventBody({ event }: { event: DiaryEvent }) {
  const a = event.appt
  return (
    <span className="ev-body">
      <span className="ev-client">
        {a.alerts.length > 0 && (
          <span className="ev-alert-icon" title={a.alerts.map((x) => x.text).join('; ')}>
            <Icon name="alert" size={13} />
            <span className="visually-hidden">Medical alert: </span>
          </span>
        )}
        {a.clientName}
      </span>
      <span className="ev-service">
        <span className="ev-time">{format(event.start, 'HH:mm')}</span> {a.serviceName}
        {a.status !== 'booked' && <span className="ev-status"> · {STATUS_SHORT[a.status]}</span>}
      </span>
      <span className="ev-who">{event.who}</span>
    </span>
  )
})

const STATUS_SHORT: Record<DiaryAppointment['status'], string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  completed: 'Done',
  cancelled: 'Cancelled',
  no_show: 'DNA',
}
