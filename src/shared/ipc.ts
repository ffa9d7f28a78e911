/** The single IPC channel: every contract method travels through it as (method, input). */
export const IPC_INVOKE_CHANNEL = 'plinth:invoke'
/** Main to renderer: change events and the desk link's state (a PushMessage each). */
export const IPC_PUSH_CHANNEL = 'plinth:push'
