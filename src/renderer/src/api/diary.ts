import { useCallback } from 'react'
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query'
import type { InputOf, MethodName } from '../../../shared/contract'
import { api } from './client'

export const diaryKeys = {
  therapists: ['therapists'] as const,
  services: ['services'] as const,
  rooms: ['rooms'] as const,
  clinicHours: ['clinicHours'] as const,
  range: (from: string, to: string) => ['diary', 'range', from, to] as const,
  appointment: (id: number) => ['diary', 'appointment', id] as const,
  waitlist: ['waitlist'] as const,
}

export function useTherapists(includeInactive = false) {
  return useQuery({
    queryKey: [...diaryKeys.therapists, includeInactive],
    queryFn: () => api.call('therapists.list', { includeInactive }),
  })
}

export function useServices(includeInactive = false) {
  return useQuery({
    queryKey: [...diaryKeys.services, includeInactive],
    queryFn: () => api.call('services.list', { includeInactive }),
  })
}

export function useRooms(includeInactive = false) {
  return useQuery({
    queryKey: [...diaryKeys.rooms, includeInactive],
    queryFn: () => api.call('rooms.list', { includeInactive }),
  })
}

export function useClinicHours() {
  return useQuery({
    queryKey: diaryKeys.clinicHours,
    queryFn: () => api.call('clinicHours.get', {}),
  })
}

/** Anything that changes who works when also changes the diary's shading and free slots. */
function invalidateDiary(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['diary'] })
  // Client pages and lookup results show each client's appointments and next one.
  void queryClient.invalidateQueries({ queryKey: ['clients'] })
}

function useSetupMutation<M extends MethodName>(method: M, key: readonly string[]) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<M>) => api.call(method, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key })
      invalidateDiary(queryClient)
    },
  })
}

export const useCreateTherapist = () => useSetupMutation('therapists.create', diaryKeys.therapists)
export const useUpdateTherapist = () => useSetupMutation('therapists.update', diaryKeys.therapists)
export const useAddTimeOff = () => useSetupMutation('therapists.addTimeOff', diaryKeys.therapists)
export const useRemoveTimeOff = () =>
  useSetupMutation('therapists.removeTimeOff', diaryKeys.therapists)
export const useCreateService = () => useSetupMutation('services.create', diaryKeys.services)
export const useUpdateService = () => useSetupMutation('services.update', diaryKeys.services)
export const useCreateRoom = () => useSetupMutation('rooms.create', diaryKeys.rooms)
export const useUpdateRoom = () => useSetupMutation('rooms.update', diaryKeys.rooms)
export const useUpdateClinicHours = () =>
  useSetupMutation('clinicHours.update', diaryKeys.clinicHours)

/**
 * How long a fetched range is drawn without asking main again. This window is the only writer
 * to the clinic's file and every change it makes invalidates the diary, so a range a minute
 * old is still right; refetching sooner only made next/previous wait on main.
 */
const RANGE_FRESH_MS = 60_000

/** The visible range only; the previous range stays on screen while the next one loads. */
export function useDiaryRange(from: string, to: string) {
  return useQuery({
    queryKey: diaryKeys.range(from, to),
    queryFn: () => fetchRange(from, to),
    placeholderData: keepPreviousData,
    staleTime: RANGE_FRESH_MS,
  })
}

/** The margin: the ranges either side of the visible one, fetched while the clinic looks. */
export function usePrefetchRanges(ranges: { from: string; to: string }[]) {
  const queryClient = useQueryClient()
  return useCallback(() => {
    for (const r of ranges) {
      void queryClient.prefetchQuery({
        queryKey: diaryKeys.range(r.from, r.to),
        queryFn: () => fetchRange(r.from, r.to),
        staleTime: RANGE_FRESH_MS,
      })
    }
  }, [queryClient, ranges])
}

export function useAppointment(id: number | null) {
  return useQuery({
    queryKey: diaryKeys.appointment(id ?? 0),
    queryFn: () => api.call('diary.get', { id: id! }),
    enabled: id !== null,
  })
}

function useDiaryMutation<M extends MethodName>(method: M) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<M>) => api.call(method, input),
    onSettled: () => invalidateDiary(queryClient),
  })
}

/**
 * The next free slots for the booking dialog (`diary.nextAvailable`). A new page (Later)
 * keeps the last one on screen while it loads, so the buttons under it keep their focus.
 */
export function useNextAvailable(input: InputOf<'diary.nextAvailable'>) {
  return useQuery({
    queryKey: ['diary', 'next', input],
    queryFn: () => api.call('diary.nextAvailable', input),
    placeholderData: keepPreviousData,
  })
}

/** Which services are booked most, for the booking dialog's default service. */
export function useServiceUsage() {
  return useQuery({
    queryKey: ['diary', 'serviceUsage'],
    queryFn: () => api.call('diary.serviceUsage', {}),
    staleTime: 5 * 60_000,
  })
}

export const useBook = () => useDiaryMutation('diary.book')
export const useBookSeries = () => useDiaryMutation('diary.bookSeries')
type RangeData = Awaited<ReturnType<typeof fetchRange>>
const fetchRange = (from: string, to: string) => api.call('diary.range', { from, to })

/**
 * Moves are drawn at once and confirmed by main: the booking jumps to where it was dropped,
 * and jumps back (snap-back) if main refuses. Only the moved booking is patched afterwards,
 * so a move costs one round trip, not a refetch of the whole week.
 */
export function useMoveAppointment() {
  const queryClient = useQueryClient()
  const rangeKey = ['diary', 'range']
  return useMutation({
    mutationFn: (input: InputOf<'diary.move'>) => api.call('diary.move', input),
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: rangeKey })
      const before = queryClient.getQueriesData<RangeData>({ queryKey: rangeKey })
      queryClient.setQueriesData<RangeData>({ queryKey: rangeKey }, (old) => {
        if (!old) return old
        return {
          ...old,
          appointments: old.appointments.map((a) => {
            if (a.id !== input.id) return a
            const length = Date.parse(a.endsAt) - Date.parse(a.startsAt)
            const startsAt = new Date(input.startsAt).toISOString()
            const endsAt = input.endsAt
              ? new Date(input.endsAt).toISOString()
              : new Date(Date.parse(startsAt) + length).toISOString()
            // The service's buffer after it moves with the end, as main works it out: when
            // main's answer then equals this guess, the cache keeps this object (structural
            // sharing) and the day's column is not drawn a second time.
            const buffer = Date.parse(a.blockedUntil) - Date.parse(a.endsAt)
            const blockedUntil = new Date(Date.parse(endsAt) + buffer).toISOString()
            return { ...a, therapistId: input.therapistId, startsAt, endsAt, blockedUntil }
          }),
        }
      })
      return { before }
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.before ?? []) queryClient.setQueryData(key, data)
    },
    onSuccess: (moved) => {
      queryClient.setQueriesData<RangeData>({ queryKey: rangeKey }, (old) =>
        old
          ? { ...old, appointments: old.appointments.map((a) => (a.id === moved.id ? moved : a)) }
          : old,
      )
    },
    onSettled: (_data, _error, input) => {
      void queryClient.invalidateQueries({ queryKey: ['diary', 'next'] })
      void queryClient.invalidateQueries({ queryKey: ['diary', 'daySheet'] })
      void queryClient.invalidateQueries({ queryKey: diaryKeys.appointment(input.id) })
      void queryClient.invalidateQueries({ queryKey: ['clients'] })
    },
  })
}
export const useMoveSeries = () => useDiaryMutation('diary.moveSeries')
export const useSetStatus = () => useDiaryMutation('diary.setStatus')
export const useCancelAppointment = () => useDiaryMutation('diary.cancel')
export function useWaitlist() {
  return useQuery({ queryKey: diaryKeys.waitlist, queryFn: () => api.call('waitlist.list', {}) })
}

function useWaitlistMutation<M extends 'waitlist.add' | 'waitlist.remove'>(method: M) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<M>) => api.call(method, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: diaryKeys.waitlist }),
  })
}

export const useAddToWaitlist = () => useWaitlistMutation('waitlist.add')
export const useRemoveFromWaitlist = () => useWaitlistMutation('waitlist.remove')

export function useDaySheet(date: string, therapistId: number | null) {
  return useQuery({
    queryKey: ['diary', 'daySheet', date, therapistId],
    queryFn: () => api.call('diary.daySheet', { date, therapistId }),
  })
}

/** Asks main for the day sheet as a PDF and hands it to the browser as a download. */
export async function downloadDaySheetPdf(input: InputOf<'diary.daySheetPdf'>): Promise<void> {
  const file = await api.call('diary.daySheetPdf', input)
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
