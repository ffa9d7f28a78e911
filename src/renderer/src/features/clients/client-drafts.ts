import type { ClientFormValues } from './client-form-schema'

// Client details are personal data, so drafts stay in this window's memory rather than in
// localStorage on disk: they survive moving between screens, a lookup mid-call and locking
// the screen, not a restart of the app. They belong to whoever typed them: when someone
// else signs in on this computer, the previous person's drafts are dropped.
const drafts = new Map<string, ClientFormValues>()
let draftsOf: number | null = null

export function claimDrafts(userId: number | null): void {
  if (userId === draftsOf) return
  drafts.clear()
  draftsOf = userId
}

export const draftKey = (id: number | null) => (id === null ? 'new' : `client:${id}`)

export const readClientDraft = (key: string) => drafts.get(key) ?? null
export const writeClientDraft = (key: string, values: ClientFormValues) => drafts.set(key, values)
export const clearClientDraft = (key: string) => drafts.delete(key)
export const hasNewClientDraft = () => drafts.has('new')
