import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf } from '../../../shared/contract'
import { api } from './client'
import { downloadBase64 } from './download'

/** Makes the sheet (kept on the record by main) and hands it to the browser as a download. */
export function useAftercareSheet(clientId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'documents.aftercareSheet'>) =>
      api.call('documents.aftercareSheet', input),
    onSuccess: (pdf) => {
      downloadBase64(pdf.base64, pdf.filename, 'application/pdf')
      void queryClient.invalidateQueries({ queryKey: ['documents', clientId] })
    },
  })
}

export function useClientDocuments(clientId: number) {
  return useQuery({
    queryKey: ['documents', clientId],
    queryFn: () => api.call('documents.list', { clientId }),
  })
}

export async function downloadDocument(id: number): Promise<void> {
  const pdf = await api.call('documents.get', { id })
  downloadBase64(pdf.base64, pdf.filename, 'application/pdf')
}
