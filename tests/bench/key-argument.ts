import { parseArgs } from 'node:util'
import { KEY_FILE_OPTION } from '../../src/main/cli/headless-key'

/** `npm run bench -- --key-file FILE`: the bench takes the clinic key as the headless commands do. */
export function keyFileArgument(): string | undefined {
  const { values } = parseArgs({ options: KEY_FILE_OPTION, strict: false })
  const file = values['key-file']
  return typeof file === 'string' ? file : undefined
}
