import { useState } from 'react'
import { formatInstant } from '../../clinic-time'
import { useInfiniteQuery } from '@tanstack/react-query'
import type { AuditFilter } from '../../../../shared/contract/audit'
import { AUDIT_ACTION_GROUPS } from '../../../../shared/audit-actions'
import { api } from '../../api/client'
import { useUsers } from '../../api/users'
import { Icon } from '../../components/Icon'
import { showRpcError } from '../../components/rpc-form-errors'
import { errorWords } from '../../components/rpc-form-errors'

const ACTIONS = [
  { value: '', label: 'Any action' },
  ...AUDIT_ACTION_GROUPS.map((g) => ({ value: g.key, label: g.label })),
]

export function AuditScreen() {
  const staff = useUsers()
  const [draft, setDraft] = useState<AuditFilter>({})
  const [filter, setFilter] = useState<AuditFilter>({})
  const [exportMessage, setExportMessage] = useState<string | null>(null)

  const log = useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api.call('audit.list', {
        ...filter,
        limit: 100,
        ...(pageParam ? { beforeId: pageParam } : {}),
      }),
    getNextPageParam: (last) => (last.hasMore ? last.entries.at(-1)?.id : undefined),
  })
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? []

  const exportCsv = async () => {
    setExportMessage(null)
    try {
      const file = await api.call('audit.exportCsv', filter)
      const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }))
      const link = document.createElement('a')
      link.href = url
      link.download = file.fileName
      link.click()
      URL.revokeObjectURL(url)
      setExportMessage(`Exported ${file.rows} rows to ${file.fileName}`)
    } catch (error) {
      setExportMessage(showRpcError(error))
    }
  }

  const set = (key: keyof AuditFilter, value: string) =>
    setDraft((d) => {
      const next = { ...d }
      if (value === '') delete next[key]
      else (next as Record<string, unknown>)[key] = key === 'userId' ? Number(value) : value
      return next
    })

  return (
    <>
      <header className="page-header">
        <h1>Audit log</h1>
        <p className="page-subtitle">
          Every sign-in, change and opening of clinical records, in order. Entries cannot be
          altered.
        </p>
      </header>
      <form
        className="card filters"
        aria-label="Filter the audit log"
        onSubmit={(ev) => {
          ev.preventDefault()
          setFilter(draft)
        }}
      >
        <label>
          <span>Staff</span>
          <select value={draft.userId ?? ''} onChange={(e) => set('userId', e.target.value)}>
            <option value="">Anyone</option>
            {staff.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Action</span>
          <select value={draft.action ?? ''} onChange={(e) => set('action', e.target.value)}>
            {ACTIONS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Client no.</span>
          <input
            type="text"
            inputMode="numeric"
            value={draft.entityId ?? ''}
            onChange={(e) => {
              set('entityId', e.target.value)
              set('entityType', e.target.value ? 'client' : '')
            }}
          />
        </label>
        <label>
          <span>From</span>
          <input
            type="date"
            value={draft.from ?? ''}
            onChange={(e) => set('from', e.target.value)}
          />
        </label>
        <label>
          <span>To</span>
          <input type="date" value={draft.to ?? ''} onChange={(e) => set('to', e.target.value)} />
        </label>
        <div className="filter-actions">
          <button type="submit" className="button primary">
            Apply
          </button>
          <button type="button" className="button secondary" onClick={() => void exportCsv()}>
            Export CSV
          </button>
        </div>
      </form>
      {exportMessage && (
        <p className="save-state" role="status">
          {exportMessage}
        </p>
      )}
      <section className="card table-card" aria-label="Audit entries">
        {log.isPending && <p className="muted">Loading…</p>}
        {log.isError && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {errorWords(log.error)}
          </div>
        )}
        {log.data && entries.length === 0 && (
          <p className="muted empty">No entries match these filters.</p>
        )}
        {entries.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Record</th>
                <th scope="col">Summary</th>
                <th scope="col">Computer</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatInstant(e.at, 'd MMM yyyy, HH:mm:ss')}</td>
                  <td>{e.username ?? '—'}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.entityType ? `${e.entityType} ${e.entityId ?? ''}` : ''}</td>
                  <td>{e.summary}</td>
                  <td>{e.workstation}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {log.hasNextPage && (
          <div className="load-more">
            <button
              type="button"
              className="button secondary"
              onClick={() => void log.fetchNextPage()}
            >
              {log.isFetchingNextPage ? 'Loading…' : 'Show older entries'}
            </button>
          </div>
        )}
      </section>
    </>
  )
}
