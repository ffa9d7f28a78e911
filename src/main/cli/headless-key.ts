import { databaseKeyFromHex, fileState, type DatabaseKey } from '../db/cipher'
import { hasKeyFile, keyFileBesideOf, readKeyFile, writeNewKeyFile } from '../db/plain-key-file'

/** What `parseArgs` needs for the key option every headless command takes. */
export const KEY_FILE_OPTION = { 'key-file': { type: 'string' } } as const

export const KEY_USAGE =
  'Key: PLINTH_DB_KEY=<64 hex digits> in the environment, or --key-file FILE (64 hex digits); ' +
  'without either, <clinic file>.key beside it is used, and made for a new clinic.'

/** The headless command cannot get the clinic key: says how to give it. */
export class HeadlessKeyError extends Error {
  constructor(message: string) {
    super(`${message}\n${KEY_USAGE}`)
    this.name = 'HeadlessKeyError'
  }
}

/**
 * The clinic key for a headless command (`seed`, `serve:web`, `host`, the bench), which has
 * no keystore: PLINTH_DB_KEY (hex), else `--key-file`, else the key file beside the clinic
 * file. For a clinic file that does not exist yet (or a plain one about to be encrypted) and
 * no key given, a new key file is made beside it (0600) and `say` is told where.
 *
 * @throws HeadlessKeyError when a key given is malformed, or an encrypted file has no key
 */
export function headlessKey(
  file: string,
  options: { keyFile?: string | undefined; env?: NodeJS.ProcessEnv; say(line: string): void },
): DatabaseKey {
  const fromEnv = (options.env ?? process.env)['PLINTH_DB_KEY']
  if (fromEnv !== undefined && fromEnv !== '') {
    const key = databaseKeyFromHex(fromEnv)
    if (!key) throw new HeadlessKeyError('PLINTH_DB_KEY is not 64 hex digits.')
    return key
  }
  try {
    if (options.keyFile) return readKeyFile(options.keyFile)
    const beside = keyFileBesideOf(file)
    if (hasKeyFile(beside)) return readKeyFile(beside)
    if (fileState(file) === 'encrypted') {
      throw new HeadlessKeyError(`${file} is encrypted and no key was given.`)
    }
    const key = writeNewKeyFile(beside)
    options.say(
      `Made a new key for this clinic file in ${beside} (readable by you only). Keep it: ` +
        'without it the clinic file cannot be opened. Store it apart from the file to protect it.',
    )
    return key
  } catch (error) {
    if (error instanceof HeadlessKeyError) throw error
    throw new HeadlessKeyError((error as Error).message)
  }
}
