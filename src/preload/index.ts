// The renderer's only door to main: one typed invoke and one push listener, nothing else on window.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { PushMessage } from '../shared/change-events'
import { IPC_INVOKE_CHANNEL, IPC_PUSH_CHANNEL } from '../shared/ipc'
import type { PlinthBridge } from '../shared/rpc'

const bridge: PlinthBridge = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input),
  subscribe: (listener) => {
    const relay = (_event: IpcRendererEvent, message: PushMessage) => listener(message)
    ipcRenderer.on(IPC_PUSH_CHANNEL, relay)
    return () => ipcRenderer.off(IPC_PUSH_CHANNEL, relay)
  },
}

contextBridge.exposeInMainWorld('plinth', bridge)
