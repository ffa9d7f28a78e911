/** Failures a person can act on: their message says what to do, a stack trace would not. */
const EXPLAINED = new Set([
  'HeadlessKeyError',
  'DatabaseKeyError',
  'KeyFileError',
  'ClinicKeysDamagedError',
  'ClinicInUseError',
  'NewerDatabaseError',
  'NetworkShareError',
  'BackupFailedError',
  'ClinicFileProblemError',
  'ClinicNotEmptyError',
])

/**
 * Runs a headless command's start-up; a failure in EXPLAINED (a wrong or missing key, the
 * clinic file in use, a file from a newer Plinth) is printed as its message and the command
 * exits with 1. Anything else is a fault and keeps its stack trace.
 */
export async function exitWithMessage<T>(start: () => T | Promise<T>): Promise<T> {
  try {
    return await start()
  } catch (error) {
    if (!(error instanceof Error) || !EXPLAINED.has(error.name)) throw error
    console.error(error.message)
    if (error.name === 'ClinicFileProblemError') console.error(RESTORE_HEADLESS)
    process.exit(1)
  }
}

/**
 * How to restore without the desktop app (a user trial's headless host said "Restore the
 * newest backup" with no way to do it from there): serve:web shows the same restore screen.
 */
export const RESTORE_HEADLESS =
  'To restore from the command line: npm run serve:web -- --db <this file> --port 5199, then open the printed address as the owner.'

/**
 * Runs a headless command's work; a failure in EXPLAINED is printed as its message and
 * answers false, so the caller can close the clinic file before exiting with 1. Anything
 * else is a fault and keeps its stack trace.
 */
export async function explained(work: () => Promise<void>): Promise<boolean> {
  try {
    await work()
    return true
  } catch (error) {
    if (!(error instanceof Error) || !EXPLAINED.has(error.name)) throw error
    console.error(error.message)
    return false
  }
}
