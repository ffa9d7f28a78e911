import { useCallback, useState } from 'react'
import type { Attachment, Note } from '../../../../shared/contract/notes'
import { downloadAttachment, useAddAttachment, useAttachment } from '../../api/notes'
import { base64Of } from '../../api/file-base64'
import { sizeLabel } from '../../../../shared/notes/file-size'
import { Icon } from '../../components/Icon'
import { Modal } from '../../components/Modal'
import { errorWords } from '../../components/rpc-form-errors'

const isImage = (a: Attachment) => a.mime === 'image/png' || a.mime === 'image/jpeg'

const kindLabel = (a: Attachment) =>
  a.mime === 'application/pdf' ? 'PDF' : a.mime === 'image/png' ? 'PNG image' : 'JPEG photo'

/**
 * A picture from bytes main handed over: an object URL (the CSP allows blob: images) made
 * when the <img> mounts and revoked when it goes, through React 19's ref cleanup.
 */
function BlobImage({ blob, alt }: { blob: Blob; alt: string }) {
  const attach = useCallback(
    (img: HTMLImageElement | null) => {
      if (!img) return
      const url = URL.createObjectURL(blob)
      img.src = url
      return () => URL.revokeObjectURL(url)
    },
    [blob],
  )
  return <img ref={attach} alt={alt} />
}

function DownloadButton({ attachment }: { attachment: Attachment }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <>
      <button
        type="button"
        className="button small secondary attachment-download"
        aria-label={`Download ${attachment.filename}`}
        disabled={busy}
        onClick={() => {
          setBusy(true)
          setError(null)
          downloadAttachment(attachment.id).then(
            () => setBusy(false),
            (e: unknown) => {
              setBusy(false)
              setError(errorWords(e))
            },
          )
        }}
      >
        <Icon name="download" size={14} /> Download
      </button>
      {error && (
        <p className="field-error attachment-error" role="alert">
          {error}
        </p>
      )}
    </>
  )
}

/** A photo's thumbnail; pressing it opens the photo full size in an in-app dialog. */
function PhotoThumb({ attachment }: { attachment: Attachment }) {
  const file = useAttachment(attachment.id)
  const blob = file.data?.blob
  const [open, setOpen] = useState(false)
  if (file.isError) {
    return (
      <>
        <span className="attachment-thumb broken">
          <Icon name="alert" />
        </span>
        <p className="field-error attachment-error" role="alert">
          {errorWords(file.error)}
        </p>
      </>
    )
  }
  return (
    <>
      <button
        type="button"
        className="attachment-thumb"
        aria-label={`View ${attachment.filename} full size`}
        onClick={() => setOpen(true)}
        disabled={!blob}
      >
        {blob ? <BlobImage blob={blob} alt="" /> : <span className="muted">Loading…</span>}
      </button>
      {open && blob && (
        <Modal title={attachment.filename} onClose={() => setOpen(false)} wide>
          <div className="attachment-preview">
            <BlobImage blob={blob} alt={`${attachment.filename}, attached to this note`} />
            <div className="form-actions">
              <DownloadButton attachment={attachment} />
            </div>
          </div>
        </Modal>
      )}
    </>
  )
}

/** The note's files: photos as thumbnails, PDFs (GP letters) to download. */
export function AttachmentList({ note }: { note: Note }) {
  return (
    <ul className="attachment-list" aria-label="Attachments">
      {note.attachments.map((a) => (
        <li key={a.id}>
          {isImage(a) ? <PhotoThumb attachment={a} /> : <Icon name="file" size={28} />}
          <div className="attachment-meta">
            <span className="attachment-name">{a.filename}</span>
            <span className="muted">
              {kindLabel(a)} · {sizeLabel(a.size)}
              {a.addedBy ? ` · added by ${a.addedBy}` : ''}
            </span>
          </div>
          <DownloadButton attachment={a} />
        </li>
      ))}
    </ul>
  )
}

/** The editor's attachments card: the list, and a file picker that checks nothing itself. */
export function AttachmentsEditor({ note }: { note: Note }) {
  const attach = useAddAttachment()
  return (
    <section className="card" aria-labelledby="attach-title">
      <h2 id="attach-title">Attachments</h2>
      {note.attachments.length > 0 ? (
        <AttachmentList note={note} />
      ) : (
        <p className="muted">Photos (JPEG, PNG) or PDF letters, up to 10 MB each.</p>
      )}
      <div className="field">
        <label htmlFor="attach-file">Attach a file</label>
        <input
          id="attach-file"
          type="file"
          accept="image/jpeg,image/png,application/pdf"
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (!file) return
            void base64Of(file).then((base64) =>
              attach.mutate({ noteId: note.id, filename: file.name, base64 }),
            )
          }}
        />
      </div>
      {attach.isError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {errorWords(attach.error)}
        </div>
      )}
    </section>
  )
}
