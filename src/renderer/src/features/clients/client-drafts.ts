import type { ClientFormValues } from './client-form-schema'

// Client details are personal data, so drafts stay in this window's memory rather than in
// localStorage on disk: they survive moving between screens (and a lookup mid-call), not a
// restart of the app.
const drafts = new Map<string, ClientFormValues>()

export const draftKey = (id: number | null) => (id === null ? 'new' : `client:${id}`)

export const readClientDraft = (key: string) => drafts.get(key) ?? null
export const writeClientDraft = (key: string, values: ClientFormValues) => drafts.set(key, values)
export const clearClientDraft = (key: string) => drafts.delete(key)
export const hasNewClientDraft = () => drafts.has('new')
