// The renderer's only door to main: one typed invoke, nothing else on window.
import { contextBridge, ipcRenderer } from 'electron'
import { IPC_INVOKE_CHANNEL } from '../shared/ipc'
import type { PlinthBridge } from '../shared/rpc'

const bridge: PlinthBridge = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input),
}

contextBridge.exposeInMainWorld('plinth', bridge)
