import { DomainError } from '../domain-error'

/** The encodings an import file is read in, named as Excel and Notepad name them. */
export type CsvEncoding = 'UTF-8' | 'UTF-8 with BOM' | 'UTF-16 LE' | 'UTF-16 BE' | 'Windows-1252'

const SAVE_AS_UTF8 =
  'In Excel choose File > Save As > "CSV UTF-8 (Comma delimited)" and import that file.'

function refuse(message: string): never {
  throw new DomainError('rule_broken', `${message} ${SAVE_AS_UTF8}`)
}

function decode(bytes: Uint8Array, label: string, skipBom: number): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(skipBom))
  } catch {
    return null
  }
}

/**
 * The text of an import file, from its bytes. The encoding is decided by the byte-order mark
 * when there is one (UTF-8, UTF-16 LE/BE), else UTF-8 when the bytes are valid UTF-8, else
 * Windows-1252 (what Excel's "CSV (Comma delimited)" writes on a UK Windows PC: "Zoë" is the
 * single byte 0xEB). Decoding is the platform's TextDecoder (WHATWG Encoding), never by hand,
 * and always "fatal", so a replacement character (U+FFFD) can never reach a client record.
 * Refuses, naming what it found, a UTF-16 file without a byte-order mark, a file with bytes
 * that no Windows-1252 text contains, and a file that is not text at all.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]]
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    const text = decode(bytes, 'utf-8', 3)
    if (text === null) refuse('This file starts as UTF-8 but has bytes that are not UTF-8 text.')
    return { text, encoding: 'UTF-8 with BOM' }
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const le = b0 === 0xff
    const text = decode(bytes, le ? 'utf-16le' : 'utf-16be', 2)
    if (text === null) {
      refuse(`This file is UTF-16 ${le ? 'LE' : 'BE'} (Unicode text) but part of it is damaged.`)
    }
    return { text, encoding: le ? 'UTF-16 LE' : 'UTF-16 BE' }
  }
  const zeros = bytes.subarray(0, 4096).filter((b) => b === 0).length
  if (zeros > 0) {
    // Text has no NUL bytes; UTF-16 has one in every other byte for Latin letters.
    const sample = Math.min(bytes.length, 4096)
    if (zeros >= sample / 4) {
      refuse(
        'This file looks like UTF-16 (Unicode text) without a byte-order mark, so Plinth cannot tell which way round its bytes go.',
      )
    }
    refuse('This file is not a text (CSV) file.')
  }
  const utf8 = decode(bytes, 'utf-8', 0)
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8' }
  const ansi = decode(bytes, 'windows-1252', 0)
  // WHATWG maps Windows-1252's five unassigned bytes to C1 controls rather than failing:
  // no real Windows-1252 text holds them, so the file is in some other encoding.
  if (ansi === null || /[\u0081\u008d\u008f\u0090\u009d]/.test(ansi)) {
    refuse('This file is neither UTF-8 nor Windows-1252 (Western European) text.')
  }
  return { text: ansi, encoding: 'Windows-1252' }
}

/**
 * Text that reached Plinth already decoded (a test, an older screen): refused if it holds the
 * replacement character U+FFFD, the mark of a decoder that met bytes it could not read, since
 * the letter it stands for ("Zo�" for "Zoë") is lost and must not be stored.
 */
export function assertNoReplacementCharacters(text: string): void {
  const at = text.indexOf('\uFFFD')
  if (at === -1) return
  const line = text.slice(0, at).split('\n').length
  refuse(
    `Line ${line} of this file has a character that could not be read (shown as \uFFFD): the file was decoded in the wrong encoding.`,
  )
}
