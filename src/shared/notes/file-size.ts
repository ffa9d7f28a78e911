/** "4 KB", "2.3 MB": how a therapist reads a file's size, on screen and in the PDF. */
export function sizeLabel(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
