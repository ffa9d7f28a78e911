import type { ChangeEvent } from '../../shared/change-events'

export type ChangeListener = (event: ChangeEvent) => void

/**
 * The host's in-process stream of change events: the router publishes after a change
 * commits; windows, the loopback adapter and the desk link subscribe and pass them on.
 */
export class ChangeFeed {
  #seq = 0
  readonly #listeners = new Set<ChangeListener>()

  publish(method: string, at: Date): ChangeEvent {
    const event: ChangeEvent = { seq: ++this.#seq, method, at: at.toISOString() }
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch {
        // One broken subscriber (a closed socket) must not stop the others hearing.
      }
    }
    return event
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  get subscribers(): number {
    return this.#listeners.size
  }
}
