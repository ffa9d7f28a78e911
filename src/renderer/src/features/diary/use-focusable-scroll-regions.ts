import { useEffect } from 'react'

/**
 * react-big-calendar's scrolling panes (the time grid, the agenda list, the month's "more"
 * overlay) are plain divs. When they hold no booking there is nothing inside them a keyboard
 * can reach, so a keyboard user cannot scroll them at all (WCAG 2.1.1; axe's
 * `scrollable-region-focusable`). That made the diary inaccessible on any day the clinic
 * is closed. Each pane gets a tab stop and a name, whatever it holds.
 *
 * Watches the container (given by a callback ref, so a calendar that appears later is
 * covered too), because the library replaces these panes itself when the view changes.
 */
const SCROLL_PANES: { selector: string; label: string }[] = [
  { selector: '.rbc-time-content', label: 'Diary times' },
  { selector: '.rbc-agenda-content', label: 'Agenda list' },
  { selector: '.rbc-overlay', label: 'More bookings' },
]

export function useFocusableScrollRegions(root: HTMLElement | null): void {
  useEffect(() => {
    if (!root) return
    const mark = () => {
      for (const { selector, label } of SCROLL_PANES) {
        for (const pane of root.querySelectorAll<HTMLElement>(selector)) {
          if (pane.getAttribute('tabindex') === null) pane.setAttribute('tabindex', '0')
          if (!pane.hasAttribute('aria-label')) {
            pane.setAttribute('role', 'region')
            pane.setAttribute('aria-label', label)
          }
        }
      }
    }
    mark()
    const observer = new MutationObserver(mark)
    observer.observe(root, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [root])
}
