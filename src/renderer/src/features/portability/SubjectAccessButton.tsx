import { useState } from 'react'
import { api } from '../../api/client'
import { downloadBase64 } from '../../api/download'
import { errorWords } from '../../components/rpc-form-errors'

/**
 * One action: the client's complete record as a PDF and as JSON, with copies of the files
 * attached to their notes, in one zip; recorded in the audit log.
 */
export function SubjectAccessButton({ clientId }: { clientId: number }) {
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle')
  const [message, setMessage] = useState('')

  async function download() {
    setState('busy')
    try {
      const file = await api.call('gdpr.subjectAccess', { clientId })
      downloadBase64(file.base64, file.fileName, 'application/zip')
      const attached = file.files.filter((f) => f.startsWith('attachments/')).length
      setState('done')
      setMessage(
        `Saved ${file.fileName}: the record as PDF and JSON` +
          (attached > 0 ? `, and ${attached} attached file${attached === 1 ? '' : 's'}` : ''),
      )
    } catch (e) {
      setState('failed')
      setMessage(errorWords(e))
    }
  }

  return (
    <>
      <button
        type="button"
        className="button secondary"
        disabled={state === 'busy'}
        onClick={() => void download()}
      >
        Subject access export
      </button>
      {state !== 'idle' && state !== 'busy' && (
        <span
          className={state === 'failed' ? 'save-state danger-text' : 'save-state'}
          role="status"
        >
          {message}
        </span>
      )}
    </>
  )
}
