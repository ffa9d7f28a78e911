import { cloneElement, type ReactElement } from 'react'
import { withDragAndDrop } from './drag-and-drop'

// react-big-calendar rebuilds its context (getters, accessors, components, localizer) on
// every render of the calendar, and the drag-and-drop addon merges its components into a
// new object on every render too. Every day column is handed those objects, so every
// column of the week was drawn again three times per drag (begin, start, drop: 21 columns
// of ~130 bookings each in everyone's week), and the drop of one booking cost ~300 ms
// (issue 19). Both are pure functions of their inputs; here they are memoised on exactly
// those inputs, so a column is drawn again only when something it shows has changed.

/**
 * The props `Calendar.getContext` reads (react-big-calendar 1.20, Calendar.js). A prop it
 * reads but missing here would be a stale calendar, so `calendar-memo.test.ts` checks the
 * list against the library's source.
 */
export const CALENDAR_CONTEXT_INPUTS = [
  'startAccessor',
  'endAccessor',
  'allDayAccessor',
  'tooltipAccessor',
  'titleAccessor',
  'resourceAccessor',
  'resourceIdAccessor',
  'resourceTitleAccessor',
  'eventIdAccessor',
  'eventPropGetter',
  'backgroundEventPropGetter',
  'slotPropGetter',
  'slotGroupPropGetter',
  'dayPropGetter',
  'view',
  'views',
  'localizer',
  'culture',
  'messages',
  'components',
  'formats',
] as const

type Props = Record<string, unknown>
type GetContext = ((props: Props) => unknown) & { memoised?: true }

/**
 * Makes `Calendar.getContext` hand back its previous result while every input in
 * `CALENDAR_CONTEXT_INPUTS` is the same object (one entry: the diary has one calendar).
 * `calendar` is the library's exported `Calendar` (uncontrollable's wrapper, whose
 * `ControlledComponent` is the class). Idempotent; does nothing to another shape.
 */
export function memoiseCalendarContext(calendar: unknown): void {
  const inner = (calendar as { ControlledComponent?: { getContext?: GetContext } })
    .ControlledComponent
  const original = inner?.getContext
  if (!inner || typeof original !== 'function' || original.memoised) return
  let lastInputs: unknown[] | null = null
  let last: unknown
  const memoised: GetContext = (props) => {
    const inputs = CALENDAR_CONTEXT_INPUTS.map((k) => props[k])
    if (lastInputs && inputs.every((v, i) => v === lastInputs![i])) return last
    lastInputs = inputs
    last = original.call(inner, props)
    return last
  }
  memoised.memoised = true
  inner.getContext = memoised
}

type DnDCalendarClass = new (props: Props) => {
  props: Props
  state: unknown
  render(): ReactElement
  getDnDContextValue(): unknown
}

/**
 * The drag-and-drop calendar, with its merged components kept while the caller's
 * `components` prop is the same object (the addon's own are constants). `T` is the type
 * `withDragAndDrop` gives for these events and resources.
 */
export function withSteadyDragAndDrop<T>(calendar: unknown): T {
  const Base = (withDragAndDrop as (c: unknown) => unknown)(calendar) as DnDCalendarClass
  class SteadyDragAndDropCalendar extends Base {
    private mergedFor: unknown = undefined
    private merged: unknown = undefined
    private contextFor: unknown[] = []
    private dndContext: unknown = undefined
    /**
     * The addon hands every booking's wrapper a new context object on each render, so any
     * change to the diary screen (a notice, the saved data) drew all ~930 wrappers again.
     * Kept while what it is made of is the same (withDragAndDrop.js getDnDContextValue:
     * the drag state and these four props; its handlers are fixed per instance).
     */
    override getDnDContextValue(): unknown {
      const p = this.props
      const inputs = [
        this.state,
        p['onDropFromOutside'],
        p['dragFromOutsideItem'],
        p['draggableAccessor'],
        p['resizableAccessor'],
      ]
      if (this.dndContext === undefined || inputs.some((v, i) => v !== this.contextFor[i])) {
        this.contextFor = inputs
        this.dndContext = super.getDnDContextValue()
      }
      return this.dndContext
    }
    override render(): ReactElement {
      // <DnDContext.Provider value=…><Calendar … components={merged} /></DnDContext.Provider>
      const provider = super.render() as ReactElement<{ children: ReactElement<Props> }>
      const inner = provider.props.children
      if (this.merged === undefined || this.mergedFor !== this.props['components']) {
        this.mergedFor = this.props['components']
        this.merged = inner.props['components']
      }
      return cloneElement(provider, {}, cloneElement(inner, { components: this.merged }))
    }
  }
  return SteadyDragAndDropCalendar as unknown as T
}
