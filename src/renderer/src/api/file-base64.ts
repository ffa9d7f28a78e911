/**
 * A file's bytes as base64, for methods that take a file (attachments, imports): main decides
 * what the bytes mean (an image's type, a CSV's encoding), so the screen never decodes them.
 * Built in 32 kB chunks: String.fromCharCode(...bytes) overflows the stack on big files.
 */
export async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}
