/** Hands bytes from the main process (base64 over the bridge) to the browser as a download. */
export function downloadBase64(base64: string, fileName: string, type: string): void {
  downloadBytes(
    Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)),
    fileName,
    type,
  )
}

/** Hands text or bytes made in the renderer (a CSV template) to the browser as a download. */
export function downloadBytes(bytes: BlobPart, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked later: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
