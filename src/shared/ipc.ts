/** The single IPC channel: every contract method travels through it as (method, input). */
export const IPC_INVOKE_CHANNEL = 'plinth:invoke'
