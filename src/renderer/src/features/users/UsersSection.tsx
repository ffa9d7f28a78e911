import { useState } from 'react'
import { formatInstant } from '../../clinic-time'
import type { UserAccount } from '../../../../shared/contract/users'
import { ROLE_LABELS } from '../../../../shared/roles'
import { useUsers } from '../../api/users'
import { Icon } from '../../components/Icon'
import { AddUserForm } from './AddUserForm'
import { EditUserForm } from './EditUserForm'
import { errorWords } from '../../components/rpc-form-errors'
import { EditCell } from '../setup/SetupCells'

function statusOf(user: UserAccount): string {
  if (!user.active) return 'Inactive'
  if (user.lockedUntil)
    return `Locked until ${formatInstant(user.lockedUntil, 'd MMM yyyy, HH:mm')}`
  if (user.mustChangePassword) return 'Must choose a new password'
  return 'Active'
}

export function UsersSection() {
  const staff = useUsers()
  const [editing, setEditing] = useState<number | null>(null)
  const [adding, setAdding] = useState(false)
  const editUser = staff.data?.find((u) => u.id === editing)

  return (
    <div className="stack">
      <section className="card" aria-labelledby="staff-title">
        <div className="card-head">
          <h2 id="staff-title">Staff accounts</h2>
          {!adding && (
            <button
              type="button"
              className="button primary"
              onClick={() => (setAdding(true), setEditing(null))}
            >
              Add staff
            </button>
          )}
        </div>
        {staff.isPending && <p className="muted">Loading…</p>}
        {staff.isError && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {errorWords(staff.error)}
          </div>
        )}
        {staff.data && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.data.map((u) => (
                <tr key={u.id} className={u.active ? undefined : 'inactive'}>
                  <td>{u.displayName}</td>
                  <td>{u.username}</td>
                  <td>{ROLE_LABELS[u.role]}</td>
                  <td>{statusOf(u)}</td>
                  <td>
                    {u.lastSignInAt ? formatInstant(u.lastSignInAt, 'd MMM yyyy, HH:mm') : 'Never'}
                  </td>
                  <EditCell
                    name={u.displayName}
                    onEdit={() => {
                      setEditing(u.id)
                      setAdding(false)
                    }}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {adding && <AddUserForm onDone={() => setAdding(false)} />}
      {editUser && (
        <EditUserForm key={editUser.id} user={editUser} onDone={() => setEditing(null)} />
      )}
    </div>
  )
}
