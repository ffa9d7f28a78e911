import { randomUUID } from 'node:crypto'
import type { ImportKind } from '../../../shared/contract/imports'
import { DomainError } from '../domain-error'
import type { AppointmentRow } from './import-appointment-check'
import { isAppointmentTemplate } from './import-appointment-mapping'
import type { CheckedRow } from './import-client-check'
import { assertNoReplacementCharacters, decodeCsvBytes } from './csv-encoding'
import { parseCsvInSlices, type ParsedCsv } from './csv-parse'
import { detectPreset, guessMapping, type ImportPreset } from './import-mapping'

// Stage 1 of an import, reading: a CSV file decoded, parsed and kept in main under an id,
// so the renderer sends it once and then refers to it through mapping, checking and writing.

export interface OpenFile extends ParsedCsv {
  id: string
  kind: ImportKind
  fileName: string
  preset: ImportPreset
  /** A clients file's checked rows, once checked. */
  checked: { rows: CheckedRow[]; skipped: number } | null
  /** An appointments file's checked rows (kind 'appointments'). */
  checkedAppointments: AppointmentRow[] | null
  imported: boolean
}

/** The last few files opened (a file is big; nobody maps more than one at a time). */
export class OpenFiles {
  #files = new Map<string, OpenFile>()

  constructor(private readonly keep = 3) {}

  /**
   * Reads a file for the mapping step. Bytes are decoded by decodeCsvBytes (the encoding is
   * reported back); text already decoded is refused if it holds U+FFFD. Throws DomainError
   * with a message naming the encoding when the file cannot be read as text, and when it
   * has no header or no rows. Parses in slices, so main answers other calls meanwhile.
   */
  async open(
    fileName: string,
    source: { bytes: Uint8Array } | { text: string },
    kind: ImportKind = 'clients',
  ) {
    const { text, encoding } =
      'bytes' in source ? decodeCsvBytes(source.bytes) : { text: source.text, encoding: 'UTF-8' }
    assertNoReplacementCharacters(text)
    const parsed = await parseCsvInSlices(text)
    if (parsed.headers.length === 0) {
      throw new DomainError('rule_broken', 'That file is empty: there is no header row.')
    }
    if (parsed.rows.length === 0) {
      throw new DomainError('rule_broken', `That file has a header row but no ${kind} in it.`)
    }
    const preset: ImportPreset =
      kind === 'clients'
        ? detectPreset(parsed.headers)
        : isAppointmentTemplate(parsed.headers)
          ? 'plinth'
          : 'custom'
    const file: OpenFile = {
      ...parsed,
      id: randomUUID(),
      kind,
      fileName,
      preset,
      checked: null,
      checkedAppointments: null,
      imported: false,
    }
    this.#files.set(file.id, file)
    const excess = this.#files.size - this.keep
    for (const id of [...this.#files.keys()].slice(0, Math.max(0, excess))) this.#files.delete(id)
    return {
      file,
      summary: {
        importId: file.id,
        kind,
        fileName,
        encoding,
        preset: file.preset,
        headers: parsed.headers,
        mapping: guessMapping(parsed.headers, kind),
        rowCount: parsed.rows.length,
        preview: parsed.rows.slice(0, 8).map((r) => r.cells),
      },
    }
  }

  /** Errors: 'not_found' once the file has been forgotten (asks to choose it again). */
  get(importId: string): OpenFile {
    const file = this.#files.get(importId)
    if (!file) {
      throw new DomainError('not_found', 'That file is no longer open. Choose it again.')
    }
    return file
  }
}
