import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { SEARCH_MIN_FULL, type ClientSummary } from '../../../../shared/contract/clients'
import { useClientSearch } from '../../api/clients'
import { Icon } from '../../components/Icon'
import { useListbox } from '../../components/use-listbox'
import { AlertIcons } from './AlertIcons'
import { dobAndAge, ukDateTime } from './format'

interface ClientLookupProps {
  onOpen(client: ClientSummary): void
  autoFocus?: boolean
  /** The label people see; the palette hides it visually but keeps it for screen readers. */
  label?: string
  hideLabel?: boolean
  /** A caller that keeps what was typed (the booking draft) owns the query. */
  query?: string
  onQueryChange?(query: string): void
  /** Offer "Include archived"; off where an archived record cannot be used (booking). */
  archivedToggle?: boolean
  placeholder?: string
  /**
   * What to offer once the search has answered "nobody" (e.g. "Add a new client"), and
   * what Enter does then.
   */
  noMatch?: { action(query: string): ReactNode; onEnter(query: string): void }
  /** Escape in the box: a dialog closes rather than only clearing the text. */
  onEscape?(): void
}

/**
 * The phone-moment search: type any scrap (name, phone in any format, last digits, e-mail,
 * postcode, dd/mm/yyyy), move with the arrow keys, Enter opens. Used on the Clients screen
 * and in the Ctrl+K lookup.
 */
export function ClientLookup({
  onOpen,
  autoFocus = false,
  label = 'Find a client',
  hideLabel = false,
  query: controlledQuery,
  onQueryChange,
  archivedToggle = true,
  placeholder = 'e.g. Smith, 123 456, LS6 2AB, 03/04/1988',
  noMatch,
  onEscape,
}: ClientLookupProps) {
  const [ownQuery, setOwnQuery] = useState('')
  const query = controlledQuery ?? ownQuery
  const setQuery = onQueryChange ?? setOwnQuery
  const [includeArchived, setIncludeArchived] = useState(false)
  const search = useClientSearch(query, includeArchived)
  const results = search.data?.results ?? []
  const trimmed = query.trim()
  // Only offer a new client once the search has answered "nobody" for what is typed now.
  const answeredNobody =
    trimmed !== '' && !!search.data && !search.isPlaceholderData && results.length === 0
  const id = useId()
  const inputRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (autoFocus) inputRef.current?.focus()
  }, [autoFocus])

  // The bench (tests/bench/clients.bench.ts) times keystroke-to-results with this mark,
  // placed in the frame that first shows this query's results.
  const shownFor = search.isPlaceholderData || !search.data ? null : query
  useEffect(() => {
    if (shownFor === null) return
    const frame = requestAnimationFrame(() =>
      performance.mark('plinth:client-search-rendered', { detail: shownFor }),
    )
    return () => cancelAnimationFrame(frame)
  }, [shownFor, search.data])

  const listbox = useListbox({
    count: results.length,
    onChoose: (i) => onOpen(results[i]!),
    ...(noMatch && answeredNobody && trimmed.length > 1
      ? { onEnterWithNone: () => noMatch.onEnter(trimmed) }
      : {}),
  })
  const activeIndex = listbox.active
  const setActive = listbox.setActive
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && onEscape) {
      // A search box's own Escape only clears it; in a dialog people expect it to close.
      event.preventDefault()
      onEscape()
      return
    }
    listbox.onKeyDown(event)
  }

  const hint =
    search.data?.mode === 'names'
      ? `Showing names starting “${trimmed}”. Type ${SEARCH_MIN_FULL} or more characters to search phones, e-mails and postcodes too.`
      : 'Name, phone (any format or the last digits), e-mail, postcode or date of birth (dd/mm/yyyy)'

  return (
    <div className="lookup">
      <label htmlFor={`${id}-input`} className={hideLabel ? 'visually-hidden' : 'lookup-label'}>
        {label}
      </label>
      <div className="lookup-box">
        <Icon name="search" />
        <input
          ref={inputRef}
          id={`${id}-input`}
          // Inside a <Modal>, which focuses [data-autofocus] once the dialog is showing.
          data-autofocus={autoFocus || undefined}
          type="search"
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls={`${id}-list`}
          aria-activedescendant={results.length > 0 ? `${id}-opt-${activeIndex}` : undefined}
          aria-describedby={`${id}-hint`}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value)
            setActive(0)
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="lookup-options">
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
        {archivedToggle && (
          <label className="checkbox-inline">
            <input
              type="checkbox"
              checked={includeArchived}
              onChange={(e) => setIncludeArchived(e.target.checked)}
            />
            Include archived
          </label>
        )}
      </div>
      {/* Only while there is something to choose: an empty list would share the box's label. */}
      {results.length > 0 && (
        <ul
          className="lookup-results"
          id={`${id}-list`}
          role="listbox"
          aria-label="Matching clients"
        >
          {results.map((c, i) => (
            <li
              key={c.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className={i === activeIndex ? 'lookup-result active' : 'lookup-result'}
              onMouseEnter={() => setActive(i)}
              onClick={() => onOpen(c)}
            >
              <span className="result-name">
                {c.displayName}
                {c.archived && <span className="pill pill-muted">Archived</span>}
                <AlertIcons alerts={c.alerts} />
              </span>
              <span className="result-meta">{dobAndAge(c.dateOfBirth, c.age)}</span>
              <span className="result-meta">{c.phone || c.email}</span>
              <span className="result-meta">
                {c.nextAppointmentAt
                  ? `Next: ${ukDateTime(c.nextAppointmentAt)}`
                  : 'No upcoming appointment'}
              </span>
            </li>
          ))}
        </ul>
      )}
      {answeredNobody && (
        <p className="lookup-empty" role="status">
          No clients match “{trimmed}”{includeArchived ? '' : ' (archived clients are hidden)'}.
          {noMatch && trimmed.length > 1 && <> {noMatch.action(trimmed)}</>}
        </p>
      )}
      {search.isError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> Search failed: {search.error.message}
        </div>
      )}
    </div>
  )
}
