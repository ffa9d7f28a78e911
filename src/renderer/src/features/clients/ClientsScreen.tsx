import { NoteScreen, StartNote } from '../notes/NoteScreen'
import { ClientForm } from './ClientForm'
import { ClientLookup } from './ClientLookup'
import { ClientPage } from './ClientPage'
import { MergeClients } from './MergeClients'
import { claimDrafts, hasNewClientDraft } from './client-drafts'
import { clientHref, useClientRoute } from './client-route'
import { useAuthStatus } from '../../api/auth'
import { useClient } from '../../api/clients'
import { Icon } from '../../components/Icon'
import { errorWords } from '../../components/rpc-form-errors'

export function ClientsScreen() {
  const route = useClientRoute()
  claimDrafts(useAuthStatus().data?.user?.id ?? null)
  switch (route.view) {
    case 'list':
      return <ClientList />
    case 'new':
      return (
        <>
          <header className="page-header">
            <p className="breadcrumb">
              <a href="#/clients">Clients</a>
            </p>
            <h1>New client</h1>
            <p className="page-subtitle">
              Name and a phone or e-mail are enough to book; the rest can wait.
            </p>
          </header>
          <ClientForm
            saved={null}
            onSaved={(record) => (window.location.hash = clientHref(record.id))}
            onCancel={() => (window.location.hash = '#/clients')}
          />
        </>
      )
    case 'record':
      return <ClientPage id={route.id} />
    case 'edit':
      return <EditClient id={route.id} />
    case 'merge':
      return <MergeClients keepId={route.id} />
    case 'note':
      return <NoteScreen key={route.noteId} clientId={route.id} noteId={route.noteId} />
    case 'newNote':
      return (
        <StartNote
          clientId={route.id}
          {...(route.appointmentId ? { appointmentId: route.appointmentId } : {})}
        />
      )
  }
}

function ClientList() {
  return (
    <>
      <header className="page-header client-header">
        <div>
          <h1>Clients</h1>
          <p className="page-subtitle">
            Find anyone from any scrap the caller gives. <kbd>Ctrl</kbd>+<kbd>K</kbd> searches from
            any screen.
          </p>
        </div>
        <div className="header-actions">
          <a className="button primary" href="#/clients/new">
            <Icon name="plus" size={16} />{' '}
            {hasNewClientDraft() ? 'Continue new client' : 'New client'}
          </a>
        </div>
      </header>
      <section className="card">
        <ClientLookup autoFocus onOpen={(c) => (window.location.hash = clientHref(c.id))} />
      </section>
    </>
  )
}

function EditClient({ id }: { id: number }) {
  const client = useClient(id)
  if (client.isPending) return <p className="muted">Opening the record…</p>
  if (client.isError) {
    return (
      <div className="banner banner-error" role="alert">
        <Icon name="alert" /> {errorWords(client.error)}
      </div>
    )
  }
  return (
    <>
      <header className="page-header">
        <p className="breadcrumb">
          <a href={clientHref(id)}>{client.data.displayName}</a>
        </p>
        <h1>Edit {client.data.displayName}</h1>
      </header>
      <ClientForm
        key={client.data.updatedAt}
        saved={client.data}
        onSaved={() => (window.location.hash = clientHref(id))}
        onCancel={() => (window.location.hash = clientHref(id))}
      />
    </>
  )
}
