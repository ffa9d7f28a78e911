import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
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
    // A note being written is the one on screen: never refetch it under the therapist's hands.
    staleTime: Infinity,
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

export function useUnsignedNotes(enabled: boolean) {
  return useQuery({
    queryKey: ['notes', 'unsigned'],
    queryFn: () => api.call('notes.unsigned', {}),
    enabled,
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
export const useSignNote = () => useNoteMutation((id: number) => api.call('notes.sign', { id }))
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

/** Asks main for the PDF and hands it to the browser as a download. */
export async function downloadNotesPdf(input: InputOf<'notes.exportPdf'>): Promise<void> {
  const file = await api.call('notes.exportPdf', input)
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
