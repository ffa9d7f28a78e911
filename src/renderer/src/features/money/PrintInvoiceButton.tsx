import { api } from '../../api/client'
import { PdfButton } from './PdfButton'

/** Saves the invoice or receipt as a one-page A4 PDF, to print or attach to an e-mail. */
export function PrintInvoiceButton({ invoiceId, label }: { invoiceId: number; label: string }) {
  return <PdfButton label={label} make={() => api.call('invoices.pdf', { id: invoiceId })} />
}
