import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useQuery } from '@tanstack/react-query'
import type { PartOfDay, Slot } from '../../../../shared/contract/appointments'
import { RpcError } from '../../../../shared/rpc'
import { useAuthStatus } from '../../api/auth'
import { api } from '../../api/client'
import {
  useAddToWaitlist,
  useBook,
  useBookSeries,
  useServices,
  useTherapists,
} from '../../api/diary'
import { Icon } from '../../components/Icon'
import { formatPence } from '../setup/time-ranges'
import { closeBooking, type BookingPrefill } from './booking-store'
import {
  clearBookingDraft,
  emptyDraft,
  readBookingDraft,
  writeBookingDraft,
  type BookingDraft,
} from './booking-draft'
import { Modal } from '../../components/Modal'
import { clinicInstant, formatClinic } from '../../../../shared/diary/wall-clock'
import { useClinicTimeZone } from './use-clinic-time-zone'

const PARTS: Record<BookingDraft['partOfDay'], { label: string; after: string; before: string }> = {
  any: { label: 'Any time', after: '00:00', before: '24:00' },
  morning: { label: 'Mornings (until 12:00)', after: '00:00', before: '12:00' },
  afternoon: { label: 'Afternoons (12:00–17:00)', after: '12:00', before: '17:00' },
  evening: { label: 'Evenings (after 17:00)', after: '17:00', before: '24:00' },
}
const DAYS: Record<BookingDraft['days'], { label: string; weekdays: number[] }> = {
  any: { label: 'Any day', weekdays: [1, 2, 3, 4, 5, 6, 7] },
  weekdays: { label: 'Weekdays', weekdays: [1, 2, 3, 4, 5] },
  weekends: { label: 'Weekends', weekdays: [6, 7] },
}

/** Slots are shown on the clinic's clock, whatever the computer's time zone. */
const slotLabel = (iso: string, tz: string) => formatClinic(iso, 'EEE d MMM, HH:mm', tz)

export function BookingDialog({
  prefill,
  serial,
  onBooked,
}: {
  prefill: BookingPrefill | null
  serial: number
  onBooked(startsAt: string): void
}) {
  const tz = useClinicTimeZone()
  const [today] = useState(() => formatClinic(Date.now(), 'yyyy-MM-dd', tz))
  const [draft, setDraftState] = useState<BookingDraft>(() => {
    const base = readBookingDraft() ?? emptyDraft(today)
    if (!prefill?.startsAt) return base
    return {
      ...base,
      therapistId: prefill.therapistId ?? base.therapistId,
      fromDate: formatClinic(prefill.startsAt, 'yyyy-MM-dd', tz),
      picked: prefill.therapistId
        ? { therapistId: prefill.therapistId, startsAt: prefill.startsAt, endsAt: null }
        : null,
    }
  })
  const setDraft = (patch: Partial<BookingDraft>) =>
    setDraftState((d) => {
      const next = { ...d, ...patch }
      writeBookingDraft(next)
      return next
    })
  useEffect(() => writeBookingDraft(draft), [draft])

  const services = useServices()
  const therapists = useTherapists()
  const book = useBook()
  const bookSeries = useBookSeries()
  const [error, setError] = useState<string | null>(null)
  const [plan, setPlan] = useState<{ startsAt: string; conflicts: string[] }[] | null>(null)
  const [skip, setSkip] = useState<string[]>([])
  const addToWaitlist = useAddToWaitlist()
  const isOwner = useAuthStatus().data?.user?.role === 'owner'
  // A rule the chosen time breaks (clicked in the diary outside someone's hours, say): the
  // owner may book anyway, with a reason that stays in the appointment's history.
  const [ruleBroken, setRuleBroken] = useState(false)
  const [overrideReason, setOverrideReason] = useState('')
  const [waitlisted, setWaitlisted] = useState(false)

  async function waitlist() {
    setError(null)
    if (!draft.client) return setError('Find or add the client first.')
    if (!serviceId) return setError('Choose the service.')
    try {
      await addToWaitlist.mutateAsync({
        clientId: draft.client.id,
        serviceId,
        therapistIds: draft.therapistId ? [draft.therapistId] : [],
        windows:
          draft.partOfDay === 'any' && draft.days === 'any'
            ? []
            : [
                {
                  weekdays: DAYS[draft.days].weekdays,
                  after: PARTS[draft.partOfDay].after,
                  before: PARTS[draft.partOfDay].before,
                },
              ],
        urgency: draft.urgency ?? 'normal',
        notes: draft.notes,
      })
      setWaitlisted(true)
    } catch (e) {
      setError(e instanceof RpcError ? e.message : 'Could not add to the waiting list.')
    }
  }
  const bookButton = useRef<HTMLButtonElement>(null)
  const serviceSelect = useRef<HTMLSelectElement>(null)

  const serviceId = draft.serviceId ?? services.data?.[0]?.id ?? null
  const service = services.data?.find((s) => s.id === serviceId)
  const offering = useMemo(
    () =>
      (therapists.data ?? []).filter((t) => serviceId !== null && t.serviceIds.includes(serviceId)),
    [therapists.data, serviceId],
  )

  const onClientChosen = () => {
    setTimeout(() => serviceSelect.current?.focus(), 0)
  }

  async function submit(override?: { reason: string }) {
    setError(null)
    if (!draft.client) return setError('Find or add the client first.')
    if (!serviceId) return setError('Choose the service.')
    if (!draft.picked) return setError('Choose a time from the list.')
    const base = {
      clientId: draft.client.id,
      serviceId,
      therapistId: draft.picked.therapistId,
      startsAt: draft.picked.startsAt,
      notes: draft.notes,
    }
    if (draft.repeatEvery > 0) {
      try {
        const series = {
          ...base,
          everyWeeks: draft.repeatEvery,
          count: Math.max(2, Math.min(52, draft.repeatCount)),
        }
        // First press: list every date and what clashes; second press books the rest.
        if (!plan) {
          const dry = await bookSeries.mutateAsync({ ...series, dryRun: true })
          setPlan(dry.occurrences)
          setSkip(dry.occurrences.filter((o) => o.conflicts.length > 0).map((o) => o.startsAt))
          return
        }
        await bookSeries.mutateAsync({ ...series, skip })
        clearBookingDraft()
        onBooked(draft.picked.startsAt)
      } catch (e) {
        setError(e instanceof RpcError ? e.message : 'The bookings could not be saved.')
      }
      return
    }
    try {
      await book.mutateAsync({
        clientId: draft.client.id,
        serviceId,
        therapistId: draft.picked.therapistId,
        startsAt: draft.picked.startsAt,
        notes: draft.notes,
        ...(override ? { override } : {}),
      })
      clearBookingDraft()
      onBooked(draft.picked.startsAt)
    } catch (e) {
      setRuleBroken(e instanceof RpcError && e.code === 'rule_broken')
      setError(e instanceof RpcError ? e.message : 'The booking could not be saved.')
    }
  }

  const pickedTherapist = therapists.data?.find((t) => t.id === draft.picked?.therapistId)
  return (
    <Modal title="New booking" onClose={closeBooking} wide>
      <form
        className="booking"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
        data-serial={serial}
      >
        <ClientStep draft={draft} setDraft={setDraft} onChosen={onClientChosen} />
        <div className="booking-row">
          <div className="field">
            <label htmlFor="booking-service">Service</label>
            <select
              id="booking-service"
              ref={serviceSelect}
              value={serviceId ?? ''}
              onChange={(e) => setDraft({ serviceId: Number(e.target.value), picked: null })}
            >
              {(services.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} · {s.durationMinutes} min · {formatPence(s.pricePence)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="booking-therapist">Therapist</label>
            <select
              id="booking-therapist"
              value={draft.therapistId ?? ''}
              onChange={(e) =>
                setDraft({
                  therapistId: e.target.value ? Number(e.target.value) : null,
                  picked: null,
                })
              }
            >
              <option value="">Anyone</option>
              {offering.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="booking-row">
          <div className="field">
            <label htmlFor="booking-part">Time of day</label>
            <select
              id="booking-part"
              value={draft.partOfDay}
              onChange={(e) =>
                setDraft({ partOfDay: e.target.value as BookingDraft['partOfDay'], picked: null })
              }
            >
              {Object.entries(PARTS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="booking-days">Days</label>
            <select
              id="booking-days"
              value={draft.days}
              onChange={(e) =>
                setDraft({ days: e.target.value as BookingDraft['days'], picked: null })
              }
            >
              {Object.entries(DAYS).map(([k, v]) => (
                <option key={k} value={k}>
                  {v.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {serviceId !== null && (
          <SlotPicker
            // A new search (service, therapist, time of day, days, from) starts on page one.
            key={[serviceId, draft.therapistId, draft.partOfDay, draft.days, draft.fromDate].join(
              '|',
            )}
            serviceId={serviceId}
            draft={draft}
            therapistName={(id) => therapists.data?.find((t) => t.id === id)?.name ?? ''}
            onPick={(slot) => {
              setDraft({
                picked: {
                  therapistId: slot.therapistId,
                  startsAt: slot.startsAt,
                  endsAt: slot.endsAt,
                },
              })
              setTimeout(() => bookButton.current?.focus(), 0)
            }}
          />
        )}
        <div className="booking-row">
          <div className="field">
            <label htmlFor="booking-from">Search from</label>
            <input
              id="booking-from"
              type="date"
              value={draft.fromDate}
              onChange={(e) => setDraft({ fromDate: e.target.value || today, picked: null })}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor="booking-notes">Booking note (optional)</label>
          <input
            id="booking-notes"
            type="text"
            value={draft.notes}
            maxLength={500}
            onChange={(e) => setDraft({ notes: e.target.value })}
            placeholder="e.g. prefers a female therapist; parking"
          />
        </div>
        <div className="booking-row">
          <div className="field">
            <label htmlFor="booking-repeat">Repeat</label>
            <select
              id="booking-repeat"
              value={draft.repeatEvery}
              onChange={(e) => {
                setPlan(null)
                setDraft({ repeatEvery: Number(e.target.value) })
              }}
            >
              <option value={0}>Does not repeat</option>
              <option value={1}>Every week</option>
              <option value={2}>Every 2 weeks</option>
              <option value={3}>Every 3 weeks</option>
              <option value={4}>Every 4 weeks</option>
            </select>
          </div>
          {draft.repeatEvery > 0 && (
            <div className="field">
              <label htmlFor="booking-times">How many times</label>
              <input
                id="booking-times"
                type="number"
                min={2}
                max={52}
                value={draft.repeatCount}
                onChange={(e) => {
                  setPlan(null)
                  setDraft({ repeatCount: Number(e.target.value) })
                }}
              />
            </div>
          )}
        </div>
        {plan && (
          <section className="series-plan" aria-labelledby="series-title">
            <h3 id="series-title">
              {plan.length} dates ·{' '}
              {plan.filter((o) => o.conflicts.length > 0).length === 0
                ? 'all free'
                : `${plan.filter((o) => o.conflicts.length > 0).length} clash — skip them or change the time`}
            </h3>
            <ul className="plain-list">
              {plan.map((o) => (
                <li key={o.startsAt} className={o.conflicts.length ? 'clash' : undefined}>
                  <span>
                    {slotLabel(o.startsAt, tz)}
                    {o.conflicts.length > 0 && (
                      <span className="field-error"> · {o.conflicts.join(' ')}</span>
                    )}
                  </span>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={skip.includes(o.startsAt)}
                      onChange={(e) =>
                        setSkip((list) =>
                          e.target.checked
                            ? [...list, o.startsAt]
                            : list.filter((x) => x !== o.startsAt),
                        )
                      }
                    />
                    Skip
                  </label>
                </li>
              ))}
            </ul>
          </section>
        )}
        {error && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {error}
          </div>
        )}
        <div className="booking-summary" aria-live="polite">
          {draft.picked && draft.client ? (
            <>
              <strong>{draft.client.name}</strong> · {service?.name} ·{' '}
              {slotLabel(draft.picked.startsAt, tz)} with {pickedTherapist?.name ?? '…'}
            </>
          ) : (
            <span className="muted">Choose a client and a time.</span>
          )}
        </div>
        {ruleBroken && isOwner && draft.repeatEvery === 0 && (
          <div className="override">
            <div className="field">
              <label htmlFor="booking-override">Book anyway because (owner)</label>
              <input
                id="booking-override"
                type="text"
                value={overrideReason}
                onChange={(e) => setOverrideReason(e.target.value)}
                placeholder="e.g. Sam agreed to come in early for this client"
              />
            </div>
            <button
              type="button"
              className="button danger"
              disabled={overrideReason.trim().length < 3 || book.isPending}
              onClick={() => void submit({ reason: overrideReason.trim() })}
            >
              Book anyway
            </button>
          </div>
        )}
        {waitlisted && (
          <div className="banner banner-ok" role="status">
            <Icon name="check" /> {draft.client?.name} is on the waiting list; they show up when a
            matching time is cancelled.
          </div>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              clearBookingDraft()
              closeBooking()
            }}
          >
            Discard
          </button>
          <label className="inline-select waitlist-urgency">
            <span>Urgency</span>
            <select
              value={draft.urgency ?? 'normal'}
              onChange={(e) => setDraft({ urgency: e.target.value as BookingDraft['urgency'] })}
              disabled={waitlisted}
            >
              <option value="high">Urgent</option>
              <option value="normal">Normal</option>
              <option value="low">Whenever</option>
            </select>
          </label>
          <button
            type="button"
            className="button secondary"
            disabled={!draft.client || addToWaitlist.isPending || waitlisted}
            onClick={() => void waitlist()}
          >
            Add to waiting list
          </button>
          <button
            ref={bookButton}
            type="submit"
            className="button primary"
            disabled={book.isPending || bookSeries.isPending}
          >
            {book.isPending || bookSeries.isPending
              ? 'Booking…'
              : draft.repeatEvery > 0
                ? plan
                  ? `Book ${plan.length - skip.length} appointments`
                  : 'Check the dates'
                : 'Book'}
          </button>
        </div>
      </form>
    </Modal>
  )
}

function ClientStep({
  draft,
  setDraft,
  onChosen,
}: {
  draft: BookingDraft
  setDraft(patch: Partial<BookingDraft>): void
  onChosen(): void
}) {
  const listId = useId()
  const [active, setActive] = useState(0)
  const [adding, setAdding] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const query = draft.query.trim()
  const search = useQuery({
    queryKey: ['clients', 'search', 'booking', query],
    queryFn: () => api.call('clients.search', { query, limit: 8 }),
    enabled: query.length > 0 && !draft.client,
    staleTime: 5_000,
  })
  const results = search.data?.results ?? []

  function choose(i: number) {
    const c = results[i]
    if (!c) return
    setDraft({
      client: {
        id: c.id,
        name: c.displayName,
        phone: c.phone,
        alerts: c.alerts.map((a) => a.text),
      },
    })
    onChosen()
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setActive((a) => Math.min(a + 1, results.length - 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((a) => Math.max(a - 1, 0))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      if (results.length > 0) choose(active)
      // Only offer a new client once the search has answered "nobody".
      else if (query.length > 1 && search.isSuccess && !search.isFetching) startAdding()
    }
  }

  function startAdding() {
    const [first = '', ...rest] = query.split(/\s+/)
    const digits = /^[\d\s+]+$/.test(query)
    setDraft({
      newClient: digits
        ? { firstName: '', lastName: '', mobile: query }
        : { firstName: first, lastName: rest.join(' '), mobile: '' },
    })
    setAdding(true)
  }

  async function addClient() {
    setError(null)
    try {
      const c = await api.call('clients.create', draft.newClient)
      setDraft({
        client: { id: c.id, name: `${c.firstName} ${c.lastName}`, phone: c.mobile, alerts: [] },
      })
      setAdding(false)
      onChosen()
    } catch (e) {
      setError(
        e instanceof RpcError
          ? [e.message, ...e.fieldErrors.map((f) => f.message)].join(' ')
          : 'Could not add.',
      )
    }
  }

  if (draft.client) {
    return (
      <div className="chosen-client">
        <span className="field-label">Client</span>
        <div className="chosen-client-box">
          <strong>{draft.client.name}</strong>
          <span className="muted">{draft.client.phone}</span>
          {draft.client.alerts.length > 0 && (
            <span className="alert-chip">
              <Icon name="alert" size={13} /> {draft.client.alerts.join('; ')}
            </span>
          )}
          <button
            type="button"
            className="button small secondary"
            onClick={() => setDraft({ client: null })}
          >
            Change client
          </button>
        </div>
      </div>
    )
  }

  return (
    <div className="client-step">
      <div className="field">
        <label htmlFor="booking-client">Client</label>
        <input
          id="booking-client"
          type="search"
          data-autofocus
          autoComplete="off"
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls={listId}
          aria-activedescendant={results[active] ? `${listId}-${active}` : undefined}
          placeholder="Name, phone or e-mail — Enter picks, or adds a new client"
          value={draft.query}
          onChange={(e) => {
            setActive(0)
            setAdding(false)
            setDraft({ query: e.target.value })
          }}
          onKeyDown={onKey}
        />
      </div>
      {results.length > 0 && (
        <ul className="client-results" role="listbox" id={listId} aria-label="Matching clients">
          {results.map((c, i) => (
            <li
              key={c.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault()
                choose(i)
              }}
            >
              <strong>{c.displayName}</strong>
              <span className="muted">{c.phone}</span>
              {c.dateOfBirth && <span className="muted">born {c.dateOfBirth}</span>}
              {c.alerts.length > 0 && (
                <span className="alert-chip">
                  <Icon name="alert" size={12} /> {c.alerts.length} alert
                  {c.alerts.length > 1 ? 's' : ''}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {query.length > 1 && search.isSuccess && results.length === 0 && !adding && (
        <p className="muted">
          No client matches “{query}”.{' '}
          <button type="button" className="button link" onClick={startAdding}>
            Add a new client
          </button>
        </p>
      )}
      {adding && (
        <fieldset className="fieldset new-client">
          <legend>New client</legend>
          <div className="booking-row three">
            <div className="field">
              <label htmlFor="nc-first">First name</label>
              <input
                id="nc-first"
                value={draft.newClient.firstName}
                onChange={(e) =>
                  setDraft({ newClient: { ...draft.newClient, firstName: e.target.value } })
                }
              />
            </div>
            <div className="field">
              <label htmlFor="nc-last">Last name</label>
              <input
                id="nc-last"
                value={draft.newClient.lastName}
                onChange={(e) =>
                  setDraft({ newClient: { ...draft.newClient, lastName: e.target.value } })
                }
              />
            </div>
            <div className="field">
              <label htmlFor="nc-mobile">Mobile</label>
              <input
                id="nc-mobile"
                type="tel"
                autoFocus
                value={draft.newClient.mobile}
                onChange={(e) =>
                  setDraft({ newClient: { ...draft.newClient, mobile: e.target.value } })
                }
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault()
                    void addClient()
                  }
                }}
              />
            </div>
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="button secondary" onClick={() => void addClient()}>
            Add client
          </button>
        </fieldset>
      )}
    </div>
  )
}

function SlotPicker({
  serviceId,
  draft,
  therapistName,
  onPick,
}: {
  serviceId: number
  draft: BookingDraft
  therapistName(id: number): string
  onPick(slot: Slot): void
}) {
  const listId = useId()
  const [pages, setPages] = useState<(Slot | null)[]>([null])
  const [active, setActive] = useState(0)
  const after = pages.at(-1) ?? null
  const partOfDay: PartOfDay = {
    weekdays: DAYS[draft.days].weekdays,
    after: PARTS[draft.partOfDay].after,
    before: PARTS[draft.partOfDay].before,
  }
  const [openedAt] = useState(() => Date.now())
  const tz = useClinicTimeZone()
  const fromDate = new Date(clinicInstant(draft.fromDate, '00:00', tz))
  const from = new Date(Math.max(fromDate.getTime(), openedAt)).toISOString()
  const search = useQuery({
    queryKey: [
      'diary',
      'next',
      serviceId,
      draft.therapistId,
      draft.partOfDay,
      draft.days,
      from.slice(0, 13),
      after?.startsAt,
      after?.therapistId,
    ],
    queryFn: () =>
      api.call('diary.nextAvailable', {
        serviceId,
        therapistId: draft.therapistId,
        from,
        days: 56,
        partOfDay,
        limit: 10,
        ...(after ? { after: { startsAt: after.startsAt, therapistId: after.therapistId } } : {}),
      }),
  })
  const slots = search.data?.slots ?? []
  const isPicked = (s: Slot) =>
    draft.picked?.startsAt === s.startsAt && draft.picked.therapistId === s.therapistId

  function onKey(e: KeyboardEvent<HTMLUListElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setActive((a) => Math.min(a + 1, slots.length - 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((a) => Math.max(a - 1, 0))
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      const s = slots[active]
      if (s) onPick(s)
    }
  }

  const prefilledElsewhere = draft.picked && !slots.some(isPicked)
  return (
    <section className="slots" aria-labelledby={`${listId}-title`}>
      <div className="slots-head">
        <h3 id={`${listId}-title`}>Next available</h3>
        <span className="muted">↑ ↓ to move, Enter to choose</span>
      </div>
      {prefilledElsewhere && draft.picked && (
        <p className="picked-note">
          <Icon name="check" size={14} /> Chosen from the diary:{' '}
          {slotLabel(draft.picked.startsAt, tz)} with {therapistName(draft.picked.therapistId)}
        </p>
      )}
      {search.isPending && <p className="muted">Looking for free times…</p>}
      {search.isError && (
        <p className="field-error" role="alert">
          {search.error.message}
        </p>
      )}
      {search.isSuccess && slots.length === 0 && (
        <p className="muted">No free time in the next 8 weeks for these choices.</p>
      )}
      {slots.length > 0 && (
        <ul
          className="slot-list"
          role="listbox"
          tabIndex={0}
          aria-label="Free times"
          aria-activedescendant={`${listId}-${active}`}
          onKeyDown={onKey}
        >
          {slots.map((s, i) => (
            <li
              key={`${s.startsAt}-${s.therapistId}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={isPicked(s)}
              className={[i === active ? 'active' : '', isPicked(s) ? 'picked' : '']
                .join(' ')
                .trim()}
              onClick={() => {
                setActive(i)
                onPick(s)
              }}
            >
              <span className="slot-time">{slotLabel(s.startsAt, tz)}</span>
              <span className="slot-who">{therapistName(s.therapistId)}</span>
              {isPicked(s) && <Icon name="check" size={14} />}
            </li>
          ))}
        </ul>
      )}
      <div className="slots-more">
        <button
          type="button"
          className="button small secondary"
          disabled={pages.length <= 1}
          onClick={() => {
            setPages((p) => p.slice(0, -1))
            setActive(0)
          }}
        >
          Earlier
        </button>
        <button
          type="button"
          className="button small secondary"
          disabled={!search.data?.more}
          onClick={() => {
            const last = slots.at(-1)
            if (last) setPages((p) => [...p, last])
            setActive(0)
          }}
        >
          Later
        </button>
      </div>
    </section>
  )
}
