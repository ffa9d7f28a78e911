import { openCore, type OpenCoreOptions, type PlinthCore } from '../app-core'
import { DatabaseKeyError } from '../db/cipher'
import { ClinicFileProblemError, damagedFileProblem } from '../services/rescue/clinic-rescue'
import { getClinicSettings } from '../services/settings'
import type { RpcTransport } from '../web/http-adapter'
import { hostPush } from './desk-push'
import type { HostSide } from './link-shell'

/**
 * openCore for a window (the Electron app, `serve:web`): a key the clinic file refuses is
 * one more way the file "will not open" here, so the window offers the backups (issue 12).
 * The headless commands keep DatabaseKeyError, whose message says how to give a key.
 *
 * @throws ClinicFileProblemError, or what openCore throws otherwise
 */
export async function openClinicForWindow(options: OpenCoreOptions): Promise<PlinthCore> {
  try {
    return await openCore(options)
  } catch (error) {
    const problem =
      error instanceof DatabaseKeyError && damagedFileProblem(options.file, options.key, error)
    if (problem) throw new ClinicFileProblemError(problem)
    throw error
  }
}

/** The clinic here as a LinkShell's host side: one window's connection and its events. */
export function hostSideOf(core: PlinthCore, connection: RpcTransport = core.connect()): HostSide {
  return {
    connection,
    push: hostPush(core.changes, connection),
    clinicName: async () => (await getClinicSettings(core.db)).clinicName,
  }
}
