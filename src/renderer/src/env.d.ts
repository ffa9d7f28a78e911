/// <reference types="vite/client" />
import type { PlinthBridge } from '../../shared/rpc'

declare global {
  interface Window {
    /** Put there by the preload (Electron) or the loopback adapter's bridge script. */
    readonly plinth: PlinthBridge
  }
}

export {}
