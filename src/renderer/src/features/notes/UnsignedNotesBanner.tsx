import './notes.css'
import { useAuthStatus } from '../../api/auth'
import { useUnsignedNotes } from '../../api/notes'
import { Icon } from '../../components/Icon'
import { longWhen, noteHref } from './NoteScreen'

/**
 * Notes left unsigned after the end of their day, above the diary: a therapist sees their
 * own, the owner everyone's. Today's drafts are not nagged about.
 */
export function UnsignedNotesBanner() {
  const role = useAuthStatus().data?.user?.role
  const unsigned = useUnsignedNotes(role === 'therapist' || role === 'owner')
  const overdue = unsigned.data?.filter((n) => n.overdue) ?? []
  if (overdue.length === 0) return null
  return (
    <section className="banner banner-warn unsigned-banner" aria-labelledby="unsigned-title">
      <Icon name="note" />
      <div>
        <h2 id="unsigned-title" className="unsigned-title">
          {overdue.length} unsigned note{overdue.length === 1 ? '' : 's'} from earlier days
        </h2>
        <ul>
          {overdue.slice(0, 8).map((n) => (
            <li key={n.id}>
              <a href={noteHref(n.clientId, n.id)}>
                {n.clientName} · {n.templateName} · {longWhen(n.sessionAt)}
              </a>
              {role === 'owner' ? ` (${n.author.name})` : ''}
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}
