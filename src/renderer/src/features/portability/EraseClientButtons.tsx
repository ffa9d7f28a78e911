import { useState } from 'react'
import { useEraseClient } from '../../api/retention'
import { EraseConfirmDialog } from './EraseConfirmDialog'
import { errorWords } from '../../components/rpc-form-errors'

/** On the client page, for the owner: anonymise or delete this record (GDPR erasure). */
export function EraseClientButtons({ clientId, name }: { clientId: number; name: string }) {
  const erase = useEraseClient()
  const [error, setError] = useState<string | null>(null)
  const [asking, setAsking] = useState<'anonymise' | 'delete' | null>(null)

  async function act(how: 'anonymise' | 'delete') {
    setError(null)
    try {
      await erase.mutateAsync({ clientId, how })
      if (how === 'delete') window.location.hash = '#/clients'
    } catch (e) {
      setError(errorWords(e))
    } finally {
      setAsking(null)
    }
  }

  return (
    <>
      <button type="button" className="button secondary" onClick={() => setAsking('anonymise')}>
        Anonymise…
      </button>
      <button type="button" className="button danger" onClick={() => setAsking('delete')}>
        Delete…
      </button>
      {error && (
        <span className="save-state danger-text" role="alert">
          {error}
        </span>
      )}
      {asking && (
        <EraseConfirmDialog
          how={asking}
          name={name}
          busy={erase.isPending}
          onConfirm={() => void act(asking)}
          onCancel={() => setAsking(null)}
        />
      )}
    </>
  )
}
