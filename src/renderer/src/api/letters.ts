import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf } from '../../../shared/contract'
import { api } from './client'
import { downloadBase64 } from './download'

export function useLetterTemplates(includeInactive = false) {
  return useQuery({
    queryKey: ['letter-templates', includeInactive],
    queryFn: () => api.call('letters.templates', { includeInactive }),
  })
}

export function useSaveLetterTemplate() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'letters.saveTemplate'>) => api.call('letters.saveTemplate', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['letter-templates'] }),
  })
}

/** Writes the letter (kept on the record by main) and hands it over as a download. */
export function useMakeLetter(clientId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'letters.make'>) => api.call('letters.make', input),
    onSuccess: (pdf) => {
      downloadBase64(pdf.base64, pdf.filename, 'application/pdf')
      void queryClient.invalidateQueries({ queryKey: ['documents', clientId] })
    },
  })
}
