import { useState } from 'react'
import { useEraseClient } from '../../api/retention'
import { confirmErase } from './confirm-erase'

/** On the client page, for the owner: anonymise or delete this record (GDPR erasure). */
export function EraseClientButtons({ clientId, name }: { clientId: number; name: string }) {
  const erase = useEraseClient()
  const [error, setError] = useState<string | null>(null)

  async function act(how: 'anonymise' | 'delete') {
    if (!confirmErase(how, name)) return
    setError(null)
    try {
      await erase.mutateAsync({ clientId, how })
      if (how === 'delete') window.location.hash = '#/clients'
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <>
      <button type="button" className="button secondary" onClick={() => void act('anonymise')}>
        Anonymise…
      </button>
      <button type="button" className="button danger" onClick={() => void act('delete')}>
        Delete…
      </button>
      {error && (
        <span className="save-state danger-text" role="alert">
          {error}
        </span>
      )}
    </>
  )
}
