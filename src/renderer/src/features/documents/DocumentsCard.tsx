import { useState } from 'react'
import { downloadDocument, useClientDocuments } from '../../api/documents'
import { formatInstant } from '../../clinic-time'
import { errorWords } from '../../components/rpc-form-errors'

/** The client page's kept documents (aftercare sheets): each opened as a download. */
export function DocumentsCard({ clientId }: { clientId: number }) {
  const docs = useClientDocuments(clientId)
  const [failure, setFailure] = useState<string | null>(null)
  if (!docs.data || docs.data.length === 0) return null
  return (
    <section className="card" aria-labelledby="documents-title">
      <h2 id="documents-title">Documents</h2>
      {failure && (
        <p className="banner banner-error" role="alert">
          {failure}
        </p>
      )}
      <ul className="plain-list">
        {docs.data.map((d) => (
          <li key={d.id}>
            <button
              type="button"
              className="button link"
              onClick={() =>
                void downloadDocument(d.id).catch((e: unknown) => setFailure(errorWords(e)))
              }
            >
              {d.title}
            </button>{' '}
            <span className="muted">
              {formatInstant(d.createdAt, 'd MMM yyyy')}
              {d.createdBy ? ` · ${d.createdBy}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
