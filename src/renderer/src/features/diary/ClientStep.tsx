import { useCallback } from 'react'
import type { ClientRecord, ClientSummary } from '../../../../shared/contract/clients'
import { Icon } from '../../components/Icon'
import { ClientLookup } from '../clients/ClientLookup'
import type { BookingDraft } from './booking-draft'
import { newClientFrom } from './booking-plan'
import { QuickAddClient } from './QuickAddClient'

/** The client found or chosen, as the booking keeps it. */
function chosen(c: ClientRecord | ClientSummary): NonNullable<BookingDraft['client']> {
  return {
    id: c.id,
    name: c.displayName,
    phone: 'phone' in c ? c.phone : c.mobile,
    alerts: c.alerts.map((a) => a.text),
  }
}

/**
 * Who the booking is for: the same lookup as Clients and Ctrl+K (Enter picks), or, once it
 * has answered "nobody", a new client with the same checks as Clients → New client.
 */
export function ClientStep({
  draft,
  setDraft,
  onChosen,
}: {
  draft: BookingDraft
  setDraft(patch: Partial<BookingDraft>): void
  onChosen(): void
}) {
  const adding = draft.addingClient
  const choose = (c: ClientRecord | ClientSummary) => {
    setDraft({ client: chosen(c), addingClient: false })
    onChosen()
  }
  const startAdding = (query: string) =>
    setDraft({ newClient: newClientFrom(query), addingClient: true })
  const onTyped = useCallback(
    (newClient: BookingDraft['newClient']) => setDraft({ newClient }),
    [setDraft],
  )

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
      <ClientLookup
        label="Client"
        autoFocus
        archivedToggle={false}
        placeholder="Name, phone or e-mail — Enter picks, or adds a new client"
        query={draft.query}
        onQueryChange={(query) => setDraft({ query, addingClient: false })}
        onOpen={choose}
        noMatch={{
          onEnter: startAdding,
          action: (query) =>
            adding ? null : (
              <button type="button" className="button link" onClick={() => startAdding(query)}>
                Add a new client
              </button>
            ),
        }}
      />
      {adding && <QuickAddClient typed={draft.newClient} onTyped={onTyped} onAdded={choose} />}
    </div>
  )
}
