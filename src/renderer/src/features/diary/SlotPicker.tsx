import { useId, useState } from 'react'
import type { Slot } from '../../../../shared/contract/diary'
import { clinicInstant, formatClinic } from '../../../../shared/diary/wall-clock'
import { useNextAvailable } from '../../api/diary'
import { Icon } from '../../components/Icon'
import { useListbox } from '../../components/use-listbox'
import type { BookingDraft } from './booking-draft'
import { searchStart, searchWindow } from './booking-plan'
import { useClinicTimeZone } from './use-clinic-time-zone'
import { errorWords } from '../../components/rpc-form-errors'

/** Slots are shown on the clinic's clock, whatever the computer's time zone. */
export const slotLabel = (iso: string, tz: string) => formatClinic(iso, 'EEE d MMM, HH:mm', tz)

/**
 * "Next available": the free times for the draft's service, therapist and window, ten at a
 * time (Earlier / Later), chosen with ↑ ↓ and Enter. Remount it (a `key`) for a new search.
 */
export function SlotPicker({
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
  const after = pages.at(-1) ?? null
  const [openedAt] = useState(() => Date.now())
  const tz = useClinicTimeZone()
  // A past "Search from" date starts today, and the picker says so (it was silently ignored).
  const start = searchStart(draft.fromDate, formatClinic(openedAt, 'yyyy-MM-dd', tz))
  const fromDate = new Date(clinicInstant(start.date, '00:00', tz))
  const from = new Date(Math.max(fromDate.getTime(), openedAt)).toISOString()
  const search = useNextAvailable({
    serviceId,
    therapistId: draft.therapistId,
    ...(draft.client ? { clientId: draft.client.id } : {}),
    from,
    days: 56,
    partOfDay: searchWindow(draft),
    limit: 10,
    ...(after ? { after: { startsAt: after.startsAt, therapistId: after.therapistId } } : {}),
  })
  const slots = search.data?.slots ?? []
  const isPicked = (s: Slot) =>
    draft.picked?.startsAt === s.startsAt && draft.picked.therapistId === s.therapistId
  const listbox = useListbox({
    count: slots.length,
    onChoose: (i) => onPick(slots[i]!),
    spaceChooses: true,
  })

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
      {start.note && (
        <p className="picked-note" role="status">
          <Icon name="info" size={14} /> {start.note}
        </p>
      )}
      {search.isPending && <p className="muted">Looking for free times…</p>}
      {search.isError && (
        <p className="field-error" role="alert">
          {errorWords(search.error)}
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
          aria-activedescendant={`${listId}-${listbox.active}`}
          onKeyDown={listbox.onKeyDown}
        >
          {slots.map((s, i) => (
            <li
              key={`${s.startsAt}-${s.therapistId}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={isPicked(s)}
              className={[i === listbox.active ? 'active' : '', isPicked(s) ? 'picked' : '']
                .join(' ')
                .trim()}
              onClick={() => {
                listbox.setActive(i)
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
        {/* aria-disabled, not disabled: a button that disables itself drops the keyboard
            focus to the page, and Later is pressed again and again from the keyboard. */}
        <button
          type="button"
          className="button small secondary"
          aria-disabled={pages.length <= 1}
          onClick={() => {
            if (pages.length <= 1) return
            setPages((p) => p.slice(0, -1))
            listbox.reset()
          }}
        >
          Earlier
        </button>
        <button
          type="button"
          className="button small secondary"
          aria-disabled={!search.data?.more || search.isPlaceholderData}
          onClick={() => {
            const last = slots.at(-1)
            if (!search.data?.more || search.isPlaceholderData || !last) return
            setPages((p) => [...p, last])
            listbox.reset()
          }}
        >
          Later
        </button>
      </div>
    </section>
  )
}
