export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void
  error(message: string, detail?: Record<string, unknown>): void
}

/** Main's log: the console for now (Electron forwards it to the terminal in development). */
export const consoleLogger: Logger = {
  info: (message, detail) => console.info(`[plinth] ${message}`, detail ?? ''),
  error: (message, detail) => console.error(`[plinth] ${message}`, detail ?? ''),
}

export const silentLogger: Logger = { info: () => {}, error: () => {} }
