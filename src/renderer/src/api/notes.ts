import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf } from '../../../shared/contract'
import type { Note } from '../../../shared/contract/notes'
import { api } from './client'

export const noteKey = (id: number) => ['notes', 'note', id] as const

export function useNoteTemplates(includeInactive = false) {
  return useQuery({
    queryKey: ['notes', 'templates', includeInactive],
    queryFn: () => api.call('notes.templates', { includeInactive }),
    staleTime: 60_000,
  })
}

export function useNote(id: number) {
  return useQuery({
    queryKey: noteKey(id),
    queryFn: () => api.call('notes.get', { id }),
    // Every opening reads main's copy (a cached one may predate saves made since, here or at
    // another desk); once open it is never refetched under the therapist's hands.
    staleTime: Infinity,
    refetchOnMount: 'always',
    refetchOnWindowFocus: false,
  })
}

export function useClientNotes(clientId: number) {
  return useQuery({
    queryKey: ['notes', 'client', clientId],
    queryFn: () => api.call('notes.listForClient', { clientId }),
  })
}

export function useNoteForAppointment(appointmentId: number) {
  return useQuery({
    queryKey: ['notes', 'appointment', appointmentId],
    queryFn: () => api.call('notes.forAppointment', { appointmentId }),
  })
}

export function useNoteSearch(clientId: number, query: string) {
  return useQuery({
    queryKey: ['notes', 'search', clientId, query.trim()],
    queryFn: () => api.call('notes.search', { clientId, query }),
    enabled: query.trim() !== '',
  })
}

export function useNoteProgress(clientId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['notes', 'progress', clientId],
    queryFn: () => api.call('notes.progress', { clientId }),
    enabled,
  })
}

/**
 * Notes left unsigned past their day, a page at a time (issue 19: a clinic can hold 20,000
 * drafts); `fetchNextPage` loads the next.
 */
export function useOverdueUnsignedNotes(enabled: boolean, pageSize = 8) {
  return useInfiniteQuery({
    queryKey: ['notes', 'unsigned', 'overdue', pageSize],
    initialPageParam: undefined as { sessionAt: string; id: number } | undefined,
    queryFn: ({ pageParam }) =>
      api.call('notes.unsigned', {
        overdueOnly: true,
        limit: pageSize,
        ...(pageParam ? { after: pageParam } : {}),
      }),
    getNextPageParam: (last) => last.next ?? undefined,
    enabled,
  })
}

/** The unsigned notes among these ids (a desk's kept drafts). */
export function useUnsignedNotesAmong(ids: number[], enabled: boolean) {
  return useQuery({
    queryKey: ['notes', 'unsigned', 'ids', ids],
    queryFn: () => api.call('notes.unsigned', { ids: ids.slice(0, 50), limit: 50 }),
    enabled: enabled && ids.length > 0,
  })
}

/** A change that answers with the whole note: the note on screen is replaced, lists refetch. */
function useNoteMutation<I>(call: (input: I) => Promise<Note>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: (note: Note) => {
      queryClient.setQueryData(noteKey(note.id), note)
      void queryClient.invalidateQueries({ queryKey: ['notes', 'client', note.clientId] })
      void queryClient.invalidateQueries({ queryKey: ['notes', 'unsigned'] })
      void queryClient.invalidateQueries({ queryKey: ['notes', 'appointment'] })
      void queryClient.invalidateQueries({ queryKey: ['notes', 'progress', note.clientId] })
    },
  })
}

export const useStartNote = () =>
  useNoteMutation((input: InputOf<'notes.start'>) => api.call('notes.start', input))
export const useSignNote = () =>
  useNoteMutation((input: InputOf<'notes.sign'>) => api.call('notes.sign', input))
export const useAddAddendum = () =>
  useNoteMutation((input: InputOf<'notes.addAddendum'>) => api.call('notes.addAddendum', input))
export const useAddAttachment = () =>
  useNoteMutation((input: InputOf<'notes.addAttachment'>) => api.call('notes.addAttachment', input))

export function useSaveTemplate() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'notes.saveTemplate'>) => api.call('notes.saveTemplate', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notes', 'templates'] }),
  })
}

export function useDeleteTemplate() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => api.call('notes.deleteTemplate', { id }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notes', 'templates'] }),
  })
}

/** Discards the author's unsigned draft; the note's screen goes away, the lists refetch. */
export function useDiscardDraft() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (note: Note) => api.call('notes.discardDraft', { id: note.id }),
    onSuccess: (_ok, note) => {
      queryClient.removeQueries({ queryKey: noteKey(note.id) })
      void queryClient.invalidateQueries({ queryKey: ['notes', 'client', note.clientId] })
      void queryClient.invalidateQueries({ queryKey: ['notes', 'unsigned'] })
      void queryClient.invalidateQueries({ queryKey: ['notes', 'appointment'] })
      void queryClient.invalidateQueries({ queryKey: ['notes', 'progress', note.clientId] })
    },
  })
}

export const blobOf = (base64: string, mime: string): Blob =>
  new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: mime })

/** Hands bytes to the browser as a download (an object URL; the CSP allows no data: pages). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Asks main for the PDF and hands it to the browser as a download. */
export async function downloadNotesPdf(input: InputOf<'notes.exportPdf'>): Promise<void> {
  const file = await api.call('notes.exportPdf', input)
  saveBlob(blobOf(file.base64, 'application/pdf'), file.filename)
}

/**
 * An attachment's bytes as a Blob. Each fetch is one audited opening in main, so a photo
 * is fetched once while the note is on screen, not on every render.
 */
export function useAttachment(id: number) {
  return useQuery({
    queryKey: ['notes', 'attachment', id],
    queryFn: async () => {
      const file = await api.call('notes.attachment', { id })
      return { filename: file.filename, blob: blobOf(file.base64, file.mime) }
    },
    staleTime: Infinity,
    gcTime: 60_000,
  })
}

export async function downloadAttachment(id: number): Promise<void> {
  const file = await api.call('notes.attachment', { id })
  saveBlob(blobOf(file.base64, file.mime), file.filename)
}
