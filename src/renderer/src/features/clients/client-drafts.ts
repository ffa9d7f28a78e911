import type { ClientFormValues } from './client-form-schema'

// Client details are personal data, so drafts stay in this window's memory rather than in
// localStorage on disk: they survive moving between screens, a lookup mid-call and locking
// the screen, not a restart of the app. They belong to whoever typed them: when someone
// else signs in on this computer, the previous person's drafts are dropped.
const drafts = new Map<string, ClientFormValues>()
// The record's revision each draft started from: its save must name that one, not a newer.
const bases = new Map<string, number>()
// Why a draft is still a draft (main refused it as stale): shown again when it is restored.
const notices = new Map<string, string>()
let draftsOf: number | null = null

export function claimDrafts(userId: number | null): void {
  if (userId === draftsOf) return
  drafts.clear()
  bases.clear()
  notices.clear()
  draftsOf = userId
}

export const draftKey = (id: number | null) => (id === null ? 'new' : `client:${id}`)

export const readClientDraft = (key: string) => drafts.get(key) ?? null
export function writeClientDraft(key: string, values: ClientFormValues, base?: number): void {
  drafts.set(key, values)
  if (base !== undefined && !bases.has(key)) bases.set(key, base)
}
export const restoredBase = (key: string): number | undefined =>
  drafts.has(key) ? bases.get(key) : undefined
export function clearClientDraft(key: string): void {
  drafts.delete(key)
  bases.delete(key)
  notices.delete(key)
}
export const setDraftNotice = (key: string, message: string) => notices.set(key, message)
export const readDraftNotice = (key: string): string | null =>
  drafts.has(key) ? (notices.get(key) ?? null) : null
export const hasNewClientDraft = () => drafts.has('new')
