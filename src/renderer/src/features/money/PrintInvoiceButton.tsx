import { useState } from 'react'
import { RpcError } from '../../../../shared/rpc'
import { api } from '../../api/client'
import { downloadBase64 } from '../../api/download'

/** Saves the invoice or receipt as a one-page A4 PDF, to print or attach to an e-mail. */
export function PrintInvoiceButton({ invoiceId, label }: { invoiceId: number; label: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  async function print() {
    setBusy(true)
    setError(null)
    try {
      const pdf = await api.call('invoices.pdf', { id: invoiceId })
      downloadBase64(pdf.base64, pdf.filename, 'application/pdf')
    } catch (e) {
      setError(e instanceof RpcError ? e.message : 'The PDF could not be made.')
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <button
        type="button"
        className="button secondary"
        disabled={busy}
        onClick={() => void print()}
      >
        {label}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  )
}
