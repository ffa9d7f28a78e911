import '../diary/diary.css'
import { useState } from 'react'
import type { Therapist } from '../../../../shared/contract/diary-setup'
import { useServices, useTherapists } from '../../api/diary'
import { nextColour } from './colours'
import { Icon } from '../../components/Icon'
import { WEEKDAYS } from './time-ranges'
import { errorWords } from '../../components/rpc-form-errors'
import { ColouredNameCell, EditCell } from './SetupCells'
import { TherapistForm } from './TherapistForm'
import { showTimeOff, TimeOffCard } from './TherapistTimeOff'

function hoursSummary(t: Therapist): string {
  const days = WEEKDAYS.filter((d) => t.hours.some((h) => h.weekday === d.n)).map((d) => d.short)
  return days.length ? days.join(' ') : 'No working hours yet'
}

export function TherapistsSection() {
  const therapists = useTherapists(true)
  const services = useServices(true)
  const [editing, setEditing] = useState<number | 'new' | null>(null)
  const current = therapists.data?.find((t) => t.id === editing)

  return (
    <div className="stack">
      <section className="card" aria-labelledby="therapists-title">
        <div className="card-head">
          <h2 id="therapists-title">Therapists</h2>
          <button type="button" className="button primary" onClick={() => setEditing('new')}>
            Add therapist
          </button>
        </div>
        {therapists.isError && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {errorWords(therapists.error)}
          </div>
        )}
        {therapists.data?.length === 0 && (
          <p className="muted">
            Add the people who treat clients: their working week, the services they offer and their
            holidays decide what the diary can book.
          </p>
        )}
        {therapists.data && therapists.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Works</th>
                <th scope="col">Services</th>
                <th scope="col">Next time off</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {therapists.data.map((t) => (
                <tr key={t.id} className={t.active ? undefined : 'inactive'}>
                  <ColouredNameCell
                    colour={t.colour}
                    name={t.name}
                    active={t.active}
                    inactiveLabel="not taking bookings"
                  />
                  <td>{hoursSummary(t)}</td>
                  <td>{t.serviceIds.length}</td>
                  <td>{t.timeOff[0] ? showTimeOff(t.timeOff[0]) : '—'}</td>
                  <EditCell name={t.name} onEdit={() => setEditing(t.id)} />
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {editing === 'new' && services.data && (
        <TherapistForm
          services={services.data}
          newColour={nextColour(therapists.data?.map((t) => t.colour) ?? [])}
          onDone={() => setEditing(null)}
        />
      )}
      {current && services.data && (
        <>
          <TherapistForm
            key={current.id}
            therapist={current}
            services={services.data}
            onDone={() => setEditing(null)}
          />
          <TimeOffCard therapist={current} />
        </>
      )}
    </div>
  )
}
