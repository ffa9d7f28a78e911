import type { ChangeEvent } from '../../shared/change-events'

/** `origin`: the connection the change came from, or null. */
export type ChangeListener = (event: ChangeEvent, origin: unknown) => void

/**
 * The host's in-process stream of change events: the router publishes after a change
 * commits; windows, the loopback adapter and the desk link subscribe and pass them on.
 */
export class ChangeFeed {
  #seq = 0
  readonly #listeners = new Map<ChangeListener, unknown>()

  /** `origin` is the connection the change came from: its own subscriber is not told. */
  publish(method: string, at: Date, origin: unknown = null): ChangeEvent {
    const event: ChangeEvent = { seq: ++this.#seq, method, at: at.toISOString() }
    for (const [listener, except] of this.#listeners) {
      if (origin !== null && origin === except) continue
      try {
        listener(event, origin)
      } catch {
        // One broken subscriber (a closed socket) must not stop the others hearing.
      }
    }
    return event
  }

  /**
   * Returns the unsubscribe function. `except`: a connection whose own changes this
   * subscriber does not need (its window already updated itself after its own call).
   */
  subscribe(listener: ChangeListener, except: unknown = null): () => void {
    this.#listeners.set(listener, except)
    return () => this.#listeners.delete(listener)
  }

  get subscribers(): number {
    return this.#listeners.size
  }
}
