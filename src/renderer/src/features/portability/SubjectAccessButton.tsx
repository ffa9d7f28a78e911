import { useState } from 'react'
import { api } from '../../api/client'

/** One action: the client's complete record as a JSON file, recorded in the audit log. */
export function SubjectAccessButton({ clientId }: { clientId: number }) {
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle')
  const [message, setMessage] = useState('')

  async function download() {
    setState('busy')
    try {
      const file = await api.call('gdpr.subjectAccess', { clientId })
      const url = URL.createObjectURL(new Blob([file.json], { type: 'application/json' }))
      const link = document.createElement('a')
      link.href = url
      link.download = file.fileName
      link.click()
      URL.revokeObjectURL(url)
      setState('done')
      setMessage(`Saved ${file.fileName}`)
    } catch (e) {
      setState('failed')
      setMessage(e instanceof Error ? e.message : String(e))
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
