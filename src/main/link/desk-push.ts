import type { PushSource } from '../web/http-adapter'
import type { ChangeFeed } from '../services/change-feed'
import type { DeskLink } from './desk-client'

/** On a host: every committed change made elsewhere than `own` (this window's connection). */
export function hostPush(changes: ChangeFeed, own: unknown): PushSource {
  return (send) => changes.subscribe((event) => send({ type: 'change', event }), own)
}

/**
 * On a desk: the host's change events and the link's own state, over one event stream per
 * subscriber. A reconnect is announced too, as a change: whatever happened while the host
 * was away, the renderer refetches.
 */
export function deskPush(link: DeskLink): PushSource {
  return (send) => {
    let wasDown = false
    return link.listen(
      (event) => send({ type: 'change', event }),
      (state, detail) => {
        send({ type: 'link', state, detail })
        if (state === 'connected' && wasDown) {
          send({
            type: 'change',
            event: { seq: 0, method: 'link.reconnected', at: new Date().toISOString() },
          })
        }
        wasDown = state !== 'connected'
      },
    )
  }
}
