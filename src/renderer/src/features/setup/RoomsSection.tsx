import '../diary/diary.css'
import type { Revisioned } from '../../../../shared/contract/revisions'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { Room } from '../../../../shared/contract/diary-setup'
import { useCreateRoom, useRooms, useUpdateRoom } from '../../api/diary'
import { Field } from '../../components/Field'
import { Icon } from '../../components/Icon'
import { showRpcError } from '../../components/rpc-form-errors'
import { useFormGuard } from '../shell/use-form-guard'

export function RoomsSection() {
  const rooms = useRooms(true)
  return (
    <div className="stack">
      <section className="card" aria-labelledby="rooms-title">
        <div className="card-head">
          <h2 id="rooms-title">Treatment rooms</h2>
        </div>
        <p className="muted">
          Optional. When a service needs a room, two bookings never share one at the same time.
        </p>
        {rooms.data && rooms.data.length > 0 && (
          <ul className="plain-list">
            {rooms.data.map((r) => (
              <RoomRow key={r.id} room={r} />
            ))}
          </ul>
        )}
        <AddRoom />
      </section>
    </div>
  )
}

function RoomRow({ room }: { room: Revisioned<Room> }) {
  const update = useUpdateRoom()
  return (
    <li>
      <span className={room.active ? undefined : 'muted'}>
        {room.name}
        {!room.active && ' (not in use)'}
      </span>
      <button
        type="button"
        className="button small secondary"
        onClick={() =>
          update.mutate({
            id: room.id,
            name: room.name,
            active: !room.active,
            baseRevision: room.revision,
          })
        }
      >
        {room.active ? `Stop using ${room.name}` : `Use ${room.name} again`}
      </button>
    </li>
  )
}

function AddRoom() {
  const create = useCreateRoom()
  const [formError, setFormError] = useState<string | null>(null)
  const { register, handleSubmit, formState, setError, reset, control, getValues } = useForm<{
    name: string
  }>({
    defaultValues: { name: '' },
  })
  useFormGuard({ formState, reset, getValues }, 'the room')
  const submit = handleSubmit(async (v) => {
    setFormError(null)
    try {
      await create.mutateAsync({ name: v.name })
      reset()
    } catch (error) {
      setFormError(showRpcError(error, { setError, control }))
    }
  })
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Add room">
      {formError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {formError}
        </div>
      )}
      <Field label="New room" error={formState.errors.name?.message}>
        <input type="text" placeholder="e.g. Room 2" {...register('name')} />
      </Field>
      <button type="submit" className="button secondary" disabled={create.isPending}>
        Add room
      </button>
    </form>
  )
}
