import { memo, useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { Calendar } from 'react-big-calendar'
import { withDragAndDrop } from './drag-and-drop'
import { memoiseCalendarContext, withSteadyDragAndDrop } from './calendar-memo'
import 'react-big-calendar/lib/css/react-big-calendar.css'
import './diary-dnd.css'
import './diary.css'
import { format } from 'date-fns'
import type { Therapist } from '../../../../shared/contract/diary-setup'
import { useClinicHours, useTherapists } from '../../api/diary'
import { Icon } from '../../components/Icon'
import { AppointmentDialog } from './AppointmentDialog'
import { SeriesDropDialog } from './SeriesDropDialog'
import { WaitlistDialog } from './WaitlistDialog'
import { openBooking } from './booking-store'
import { hasBookingDraft, subscribeBookingDraft } from './booking-draft'
import { CULTURE, formats, localizer } from './calendar-setup'
import { formatClinic, toWall } from '../../../../shared/diary/wall-clock'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useClinicTimeZone } from './use-clinic-time-zone'
import { useFocusableScrollRegions } from './use-focusable-scroll-regions'
import { step, type DiaryView } from './visible-range'
import { therapistColumns } from './therapist-columns'
import { useDiaryEvents, type DiaryEvent } from './diary-events'
import { CompactEventBody, DayHeading, EventBody } from './EventBody'
import { useCalendarLook } from './use-calendar-look'
import { StableDay, StableWeek, weekSlotKeys } from './stable-week'
import { useDiaryDrag } from './use-diary-drag'
import { DiaryNotice } from './DiaryNotice'
import { claimDiary } from './diary-kept'
import { useAuthStatus } from '../../api/auth'
import { useDiaryPosition, type Notice } from './use-diary-range'
import { useDiarySelection } from './use-diary-selection'
import { useScrollToTime } from './use-scroll-to-time'
import { useNarrowLanes } from './use-narrow-lanes'
import { errorWords } from '../../components/rpc-form-errors'

// Columns are drawn again only when what they show changes (see calendar-memo.ts).
memoiseCalendarContext(Calendar)
// Memoised as well: a notice or a mutation's progress redraws the screen, not the calendar.
const DnDCalendar = memo(
  withSteadyDragAndDrop<ReturnType<typeof withDragAndDrop<DiaryEvent, Therapist>>>(Calendar),
)

const VIEWS: { id: DiaryView; label: string }[] = [
  { id: 'day', label: 'Day' },
  { id: 'week', label: 'Week' },
  { id: 'month', label: 'Month' },
  { id: 'agenda', label: 'Agenda' },
]

// Day and week are the library's own, keyed to be redrawn in place (issue 19).
const VIEW_SET = { day: StableDay, week: StableWeek, month: true, agenda: true }

/** The diary: layout only; what it shows and does lives in the use-diary-* hooks. */
export function DiaryScreen() {
  claimDiary(useAuthStatus().data?.user?.id ?? null)
  // Every Date handed to the calendar is on the clinic's wall clock (see clinic-time.ts).
  const tz = useClinicTimeZone()
  const [notice, setNotice] = useState<Notice | null>(null)
  const bookingBegun = useSyncExternalStore(subscribeBookingDraft, hasBookingDraft)
  const { date, setDate, view, setView, range, fromIso, diary, scrollTarget } = useDiaryPosition(
    tz,
    setNotice,
  )
  const [calendarBox, setCalendarBox] = useState<HTMLDivElement | null>(null)
  useFocusableScrollRegions(calendarBox)
  const [therapistFilter, setTherapistFilter] = useState<number | 'all'>('all')
  const [waitlistOpen, setWaitlistOpen] = useState(false)
  const therapists = useTherapists()
  const hours = useClinicHours()

  const shown = useMemo(
    () =>
      (therapists.data ?? []).filter(
        (t) => therapistFilter === 'all' || view === 'day' || t.id === therapistFilter,
      ),
    [therapists.data, therapistFilter, view],
  )
  const shownIds = useMemo(() => new Set(shown.map((t) => t.id)), [shown])
  const events = useDiaryEvents({
    data: diary.data,
    therapists: therapists.data,
    tz,
    shownIds,
    view,
    date,
  })
  // With everyone's week in one grid, the stripe shows the therapist rather than the service.
  const everyone = view === 'week' && therapistFilter === 'all'
  const look = useCalendarLook({
    data: diary.data,
    opening: hours.data?.opening,
    shown,
    view,
    everyone,
    scrollTarget,
    tz,
    events,
  })
  useScrollToTime(calendarBox, scrollTarget, look.hours.from, look.hours.to)
  const drag = useDiaryDrag(tz, setNotice)
  const showDay = useCallback(
    (day: Date) => {
      setDate(day)
      setView('day')
    },
    [setDate, setView],
  )
  const selection = useDiarySelection({ view, therapistFilter, tz, showDay })
  const narrowLanes = useNarrowLanes(calendarBox, everyone ? shown.length : 0)
  const notResizable = useCallback(() => false, [])
  const components = useMemo(
    () => ({ event: everyone ? CompactEventBody : EventBody, header: DayHeading }),
    [everyone],
  )
  // Everyone's week: a lane per therapist in each day, laid out in one pass.
  const layout = useMemo(
    () => (everyone ? therapistColumns(shown.map((t) => t.id)) : ('no-overlap' as const)),
    [everyone, shown],
  )
  // In the week, a booking's elements belong to its place (the n-th of a therapist's day), so
  // next/previous rewrites them rather than building a new week of elements.
  // One function for as long as the view stays: a new one would be a new accessor for every
  // day column, and all seven would be drawn again for one moved booking.
  const slotKeys = useRef<((event: DiaryEvent) => string) | null>(null)
  // Only the week is keyed by place; the day view keys by id and needs none of this.
  const keysNow = useMemo(() => (view === 'week' ? weekSlotKeys(events) : null), [view, events])
  // Written while rendering on purpose: the calendar calls the accessor further down this same
  // render, so it must already answer for these events (a pure function of `events`).
  // eslint-disable-next-line react-hooks/refs
  slotKeys.current = keysNow
  const weekKey = useCallback(
    (event: DiaryEvent) => slotKeys.current?.(event) ?? `x-${event.id}`,
    [],
  )
  const eventKey = view === 'week' ? weekKey : 'id'
  const onNavigate = useCallback((d: Date) => setDate(d), [setDate])
  // The now line and "today" follow the clinic's clock too.
  const getNow = useCallback(() => toWall(Date.now(), tz), [tz])
  const onView = useCallback((v: string) => setView(v as DiaryView), [setView])

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
            title={`${bookingBegun ? 'Continue new booking' : 'New booking'} (Ctrl+B)`}
            onClick={() => openBooking()}
          >
            {bookingBegun ? 'Continue new booking' : 'New booking'} <kbd>Ctrl B</kbd>
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
      {notice && <DiaryNotice notice={notice} onNotice={setNotice} />}
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
          <Icon name="alert" /> The diary could not be loaded: {errorWords(diary.error)}
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
          className={`diary-calendar view-${view}${everyone ? ' everyone' : ''}${narrowLanes ? ' lanes-narrow' : ''}`}
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
            views={VIEW_SET}
            eventIdAccessor={eventKey}
            onNavigate={onNavigate}
            onView={onView}
            toolbar={false}
            step={15}
            timeslots={4}
            min={look.min}
            max={look.max}
            scrollToTime={look.scrollToTime}
            {...(view === 'day'
              ? {
                  resources: shown,
                  resourceIdAccessor: 'id' as const,
                  resourceTitleAccessor: 'name' as const,
                }
              : {})}
            slotPropGetter={look.slotPropGetter}
            dayPropGetter={look.dayPropGetter}
            eventPropGetter={look.eventPropGetter}
            components={components}
            selectable
            resizable
            draggableAccessor={drag.draggable}
            // In everyone's week the bookings are too narrow to grab an edge, and each resize
            // handle is four more elements per booking to lay out on every next/previous.
            resizableAccessor={everyone ? notResizable : drag.draggable}
            onEventDrop={drag.onEventDrop}
            onEventResize={drag.onEventResize}
            onSelectSlot={selection.onSelectSlot}
            onSelectEvent={selection.onSelectEvent}
            popup
            // A booking across midnight (23:30–00:30) is drawn in the time grid on both days;
            // otherwise it went to the all-day row, which the diary does not show.
            showMultiDayTimes
            // Side by side, never stacked on top of each other: in the all-therapists week
            // several bookings share a time, and "overlap" hid all but the last one's name.
            dayLayoutAlgorithm={layout}
          />
        </div>
      )}
      {selection.openId !== null && (
        <AppointmentDialog id={selection.openId} onClose={selection.closeAppointment} />
      )}
      {drag.seriesDrop && (
        <SeriesDropDialog
          drop={drag.seriesDrop}
          onChoose={drag.chooseSeriesScope}
          onClose={drag.cancelSeriesDrop}
        />
      )}
      {drag.pastDrop && (
        <ConfirmDialog
          title="Move into the past?"
          confirmLabel="Move it"
          cancelLabel="Leave it where it was"
          onConfirm={drag.confirmPastDrop}
          onCancel={drag.cancelPastDrop}
        >
          <p>
            {drag.pastDrop.clientName} would start{' '}
            {formatClinic(drag.pastDrop.startsAt, 'EEEE d MMMM, HH:mm', tz)}, which is in the past.
            Move it only if you are catching up on what happened.
          </p>
        </ConfirmDialog>
      )}
      {waitlistOpen && <WaitlistDialog onClose={() => setWaitlistOpen(false)} />}
    </div>
  )
}
