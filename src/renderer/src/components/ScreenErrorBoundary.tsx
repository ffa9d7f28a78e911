import { Component, type ReactNode } from 'react'
import { Icon } from './Icon'

interface Props {
  /** Changes with the screen on show (the location hash): a new screen starts afresh. */
  resetKey: string
  children: ReactNode
}

/**
 * One screen's rendering fault stays on that screen: the sidebar, Ctrl+K and the booking
 * dialog keep working, and moving to another screen clears it. Without it React unmounts
 * the whole app and leaves a white window until a reload (seen with #/diary/sheet/2026-13-45).
 * The error's text is not shown: it could hold a client's details.
 */
export class ScreenErrorBoundary extends Component<Props, { failedAt: string | null }> {
  override state = { failedAt: null as string | null }

  static getDerivedStateFromError(): { failedAt: string } {
    return { failedAt: window.location.hash }
  }

  override render(): ReactNode {
    if (this.state.failedAt !== null && this.state.failedAt === this.props.resetKey) {
      return (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> This screen could not be shown. Nothing was changed; choose another
          screen from the menu, or go back.
        </div>
      )
    }
    return this.props.children
  }
}
