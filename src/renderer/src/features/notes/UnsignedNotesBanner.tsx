import './notes.css'
import { useAuthStatus } from '../../api/auth'
import { useOverdueUnsignedNotes } from '../../api/notes'
import { Icon } from '../../components/Icon'
import { longWhen, noteHref } from './NoteScreen'

/**
 * Notes left unsigned after the end of their day, above the diary: a therapist sees their
 * own, the owner everyone's. Today's drafts are not nagged about. Eight at a time, with
 * "Show more" for the next eight: the count comes from main, the list is never loaded whole.
 */
export function UnsignedNotesBanner() {
  const role = useAuthStatus().data?.user?.role
  const unsigned = useOverdueUnsignedNotes(role === 'therapist' || role === 'owner')
  const pages = unsigned.data?.pages ?? []
  const overdue = pages.flatMap((p) => p.notes)
  const count = pages[0]?.overdue ?? 0
  if (count === 0) return null
  return (
    <section className="banner banner-warn unsigned-banner" aria-labelledby="unsigned-title">
      <Icon name="note" />
      <div>
        <h2 id="unsigned-title" className="unsigned-title">
          {count} unsigned note{count === 1 ? '' : 's'} from earlier days
        </h2>
        <ul>
          {overdue.map((n) => (
            <li key={n.id}>
              <a href={noteHref(n.clientId, n.id)}>
                {n.clientName} · {n.templateName} · {longWhen(n.sessionAt)}
              </a>
              {role === 'owner' ? ` (${n.author.name})` : ''}
            </li>
          ))}
        </ul>
        {unsigned.hasNextPage && (
          <button
            type="button"
            className="button small secondary"
            disabled={unsigned.isFetchingNextPage}
            onClick={() => void unsigned.fetchNextPage()}
          >
            {unsigned.isFetchingNextPage
              ? 'Loading…'
              : `Show more (${count - overdue.length} not shown)`}
          </button>
        )}
      </div>
    </section>
  )
}
