import { useState } from 'react'
import { downloadBase64 } from '../../api/download'
import { errorWords } from '../../components/rpc-form-errors'

/**
 * A button that has main make a PDF (an invoice, a receipt, a gift voucher) and saves it,
 * to print or attach to an e-mail; a refusal shows beside it.
 */
export function PdfButton({
  label,
  ariaLabel,
  make,
}: {
  label: string
  ariaLabel?: string
  make(): Promise<{ base64: string; filename: string }>
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  async function print() {
    setBusy(true)
    setError(null)
    try {
      const pdf = await make()
      downloadBase64(pdf.base64, pdf.filename, 'application/pdf')
    } catch (e) {
      setError(errorWords(e, 'The PDF could not be made.'))
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
        aria-label={ariaLabel}
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
