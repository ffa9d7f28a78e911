import type { InputOf, MethodName, OutputOf } from './contract'
import { RpcError, type PlinthBridge } from './rpc'

export interface PlinthClient {
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>
}

/**
 * The typed client: method names, inputs and results all come from the contract, so a
 * renamed method or a changed field breaks the build rather than the clinic.
 */
export function createClient(bridge: PlinthBridge): PlinthClient {
  return {
    async call(method, input) {
      const result = await bridge.invoke(method, input)
      if (!result.ok) throw new RpcError(result.error)
      return result.value as never
    },
  }
}
