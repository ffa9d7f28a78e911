import '../diary/diary.css'
import type { Revisioned } from '../../../../shared/contract/revisions'
import { useBaseRevision } from '../../components/use-base-revision'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { Service } from '../../../../shared/contract/diary-setup'
import { useCreateService, useServices, useUpdateService } from '../../api/diary'
import { Field } from '../../components/Field'
import { Icon } from '../../components/Icon'
import { showRpcError } from '../../components/rpc-form-errors'
import { ColouredNameCell, EditCell } from './SetupCells'
import { nextColour } from './colours'
import { SWATCHES } from './time-ranges'
import { formatPence, poundsText } from '../../../../shared/money/pounds'
import { useFormGuard } from '../shell/use-form-guard'
import { FormActions } from '../../components/FormActions'

export function ServicesSection() {
  const services = useServices(true)
  const [editing, setEditing] = useState<number | 'new' | null>(null)
  const current = services.data?.find((s) => s.id === editing)
  return (
    <div className="stack">
      <section className="card" aria-labelledby="services-title">
        <div className="card-head">
          <h2 id="services-title">Services</h2>
          <button type="button" className="button primary" onClick={() => setEditing('new')}>
            Add service
          </button>
        </div>
        {services.data?.length === 0 && (
          <p className="muted">Add what clients book, e.g. “Sports massage 60 min”.</p>
        )}
        {services.data && services.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Length</th>
                <th scope="col">Clean-up after</th>
                <th scope="col">Price</th>
                <th scope="col">Room</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {services.data.map((s) => (
                <tr key={s.id} className={s.active ? undefined : 'inactive'}>
                  <ColouredNameCell
                    colour={s.colour}
                    name={s.name}
                    active={s.active}
                    inactiveLabel="not offered"
                  />
                  <td>{s.durationMinutes} min</td>
                  <td>{s.bufferAfterMinutes ? `${s.bufferAfterMinutes} min` : '—'}</td>
                  <td>{formatPence(s.pricePence)}</td>
                  <td>{s.needsRoom ? 'Needs a room' : '—'}</td>
                  <EditCell name={s.name} onEdit={() => setEditing(s.id)} />
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {editing === 'new' && (
        <ServiceForm
          newColour={nextColour(services.data?.map((s) => s.colour) ?? [])}
          onDone={() => setEditing(null)}
        />
      )}
      {current && (
        <ServiceForm key={current.id} service={current} onDone={() => setEditing(null)} />
      )}
    </div>
  )
}

interface Values {
  name: string
  durationMinutes: string
  price: string
  bufferAfterMinutes: string
  colour: string
  needsRoom: boolean
  active: boolean
}

function ServiceForm({
  service,
  newColour,
  onDone,
}: {
  service?: Revisioned<Service>
  /** The colour a new service starts with. */
  newColour?: string
  onDone(): void
}) {
  const base = useBaseRevision(service?.revision)
  const create = useCreateService()
  const update = useUpdateService()
  const [formError, setFormError] = useState<string | null>(null)
  const { register, handleSubmit, formState, setError, control, reset, getValues } =
    useForm<Values>({
      defaultValues: {
        name: service?.name ?? '',
        durationMinutes: String(service?.durationMinutes ?? 60),
        price: service ? poundsText(service.pricePence) : '',
        bufferAfterMinutes: String(service?.bufferAfterMinutes ?? 0),
        colour: service?.colour ?? newColour ?? SWATCHES[0]!,
        needsRoom: service?.needsRoom ?? false,
        active: service?.active ?? true,
      },
    })
  useFormGuard({ formState, reset, getValues }, 'the service')
  const submit = handleSubmit(async (v) => {
    setFormError(null)
    const pounds = v.price.replace(/[£,\s]/g, '')
    if (!/^\d+(\.\d{1,2})?$/.test(pounds)) {
      setError('price', { message: 'Enter the price in pounds, e.g. 55 or 55.00' })
      return
    }
    const input = {
      name: v.name,
      durationMinutes: Number(v.durationMinutes),
      // Whole pence from the typed pounds, without floating-point drift.
      pricePence: Math.round(Number(pounds) * 100),
      bufferAfterMinutes: Number(v.bufferAfterMinutes),
      colour: v.colour,
      needsRoom: v.needsRoom,
      active: v.active,
    }
    try {
      if (service) await update.mutateAsync({ id: service.id, ...input, baseRevision: base.get() })
      else await create.mutateAsync(input)
      onDone()
    } catch (error) {
      // Main speaks of pricePence; the form shows pounds.
      setFormError(
        showRpcError(error, { setError, control }, (path) =>
          path === 'pricePence' ? 'price' : null,
        ),
      )
    }
  })
  const e = formState.errors
  const title = service ? `Edit ${service.name}` : 'New service'
  return (
    <section className="card" aria-labelledby="service-form-title">
      <div className="card-head">
        <h2 id="service-form-title">{title}</h2>
      </div>
      <form className="form" onSubmit={(ev) => void submit(ev)} noValidate aria-label={title}>
        {formError && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {formError}
          </div>
        )}
        <div className="form-grid">
          <Field label="Name" error={e.name?.message}>
            <input type="text" {...register('name')} />
          </Field>
          <Field label="Price (£)" error={e.price?.message}>
            <input type="text" inputMode="decimal" {...register('price')} />
          </Field>
          <Field
            label="Length (minutes)"
            hint="In quarter hours"
            error={e.durationMinutes?.message}
          >
            <input type="number" step={15} min={15} {...register('durationMinutes')} />
          </Field>
          <Field
            label="Clean-up after (minutes)"
            hint="Time kept free after each booking for notes and changing the couch"
            error={e.bufferAfterMinutes?.message}
          >
            <input type="number" step={5} min={0} {...register('bufferAfterMinutes')} />
          </Field>
          <Field label="Colour in the diary" error={e.colour?.message}>
            <input type="color" {...register('colour')} />
          </Field>
          <div className="field checkbox-field">
            <label>
              <input type="checkbox" {...register('needsRoom')} /> Needs a treatment room
            </label>
            <label>
              <input type="checkbox" {...register('active')} /> Offered (can be booked)
            </label>
          </div>
        </div>
        <FormActions
          leave="Close"
          onLeave={onDone}
          submit={service ? 'Save changes' : 'Add service'}
          busy={create.isPending || update.isPending}
        />
      </form>
    </section>
  )
}
