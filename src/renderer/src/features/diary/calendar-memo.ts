import {
  cloneElement,
  createElement,
  Fragment,
  isValidElement,
  type Component,
  type ReactElement,
  type ReactNode,
} from 'react'
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

type DnDState = { event?: unknown; interacting?: boolean }
type DnDCalendarClass = new (props: Props) => {
  props: Props
  state: DnDState
  render(): ReactElement
  getDnDContextValue(): { draggable: Record<string, unknown> }
  componentDidUpdate?(prevProps: Props, prevState: DnDState): void
}
type WrapperClass = new (props: Props) => Component<Props> & { render(): ReactNode }

/** Which booking is being dragged, for the one wrapper that must hide its original. */
class DraggedBooking {
  private readonly listeners = new Set<() => void>()
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  changed(): void {
    for (const l of this.listeners) l()
  }
}

/**
 * The addon's booking wrapper, drawn again when its booking starts or stops being the one
 * dragged, not whenever the drag state changes: the addon's context changed at the press,
 * the first move and the drop, and each change drew all ~930 wrappers of everyone's week.
 */
function steadyEventWrapper(Base: WrapperClass): WrapperClass {
  return class SteadyEventWrapper extends Base {
    declare context: { dragged?: DraggedBooking; draggable: { dragAndDropAction: DnDState } }
    private unsubscribe: (() => void) | undefined
    private wasDragged = false
    private isDragged(): boolean {
      const action = this.context.draggable.dragAndDropAction
      return !!action.interacting && action.event === this.props['event']
    }
    override componentDidMount(): void {
      this.unsubscribe = this.context.dragged?.subscribe(() => {
        const now = this.isDragged()
        if (now !== this.wasDragged) this.forceUpdate()
      })
    }
    override componentWillUnmount(): void {
      this.unsubscribe?.()
    }
    override render(): ReactNode {
      this.wasDragged = this.isDragged()
      const drawn = super.render()
      // A body that says only part of the booking (everyone's week: the start and the client)
      // has the booking named in full by its words (DiaryEvent.spoken), for screen readers.
      const body = (this.props['components'] as { event?: { namesItsBooking?: boolean } })?.event
      const spoken = (this.props['event'] as { spoken?: unknown } | undefined)?.spoken
      if (!body?.namesItsBooking || typeof spoken !== 'string' || !isValidElement(drawn)) {
        return drawn
      }
      return cloneElement(drawn as ReactElement<Props>, { 'aria-label': spoken })
    }
  }
}

type ContainerClass = new (props: Props) => Component<Props> & { renderContent(): ReactNode }

/**
 * The addon's day-column container, whose bookings keep their elements when a drag enters
 * or leaves the column. The addon draws the bookings straight into the column, and while the
 * drag preview is over it, inside a fragment beside the preview: React saw a different tree
 * and built all ~130 of the column's bookings again, at the first move and at the drop.
 * Here they sit in the same fragment, with or without a preview.
 */
function steadyEventContainer(Base: ContainerClass): ContainerClass {
  return class SteadyEventContainer extends Base {
    override renderContent(): ReactNode {
      const drawn = super.renderContent()
      const column = this.props['children'] as ReactElement<{ children?: ReactNode }>
      if (drawn !== column) return drawn
      return cloneElement(column, {}, createElement(Fragment, null, column.props.children, null))
    }
  }
}

/** One subclass per library class, made once. */
function steadied<C extends object>(make: (c: C) => C): (c: C) => C {
  const made = new WeakMap<C, C>()
  return (c) => {
    let steady = made.get(c)
    if (!steady) made.set(c, (steady = make(c)))
    return steady
  }
}
const steadyWrapper = steadied(steadyEventWrapper)
const steadyContainer = steadied(steadyEventContainer)
const isClass = (c: unknown) =>
  typeof (c as { prototype?: { render?: unknown } } | undefined)?.prototype?.render === 'function'

/**
 * The click the browser sends when the button is released over the booking a drag began on
 * (a drop in place, or Escape then release) would open that booking. The addon's redraw
 * used to replace the booking's elements mid-drag, so no click came; now they stay. That
 * click is dropped; any later mouse click comes after a press of its own, which disarms this.
 */
function swallowNextClick(): void {
  const swallow = (event: MouseEvent) => {
    // A click made from the keyboard (Enter on a button) has no press of its own: let it be.
    if (event.detail === 0) return
    event.stopPropagation()
    event.preventDefault()
    stop()
  }
  const stop = () => {
    window.removeEventListener('click', swallow, true)
    window.removeEventListener('pointerdown', stop, true)
  }
  window.addEventListener('click', swallow, true)
  window.addEventListener('pointerdown', stop, true)
}

/**
 * The drag-and-drop calendar, steadied for a full clinic's week (issue 19):
 * - its merged components are kept while the caller's `components` prop is the same object
 *   (the addon's own are constants), with the booking wrapper and column container above;
 * - its context is one object for as long as its four props stay: the drag state is read
 *   through it when a wrapper draws or a handler runs (withDragAndDrop.js
 *   getDnDContextValue), and only the dragged booking's wrapper is told of a change.
 * `T` is the type `withDragAndDrop` gives for these events and resources.
 */
export function withSteadyDragAndDrop<T>(calendar: unknown): T {
  const Base = (withDragAndDrop as (c: unknown) => unknown)(calendar) as DnDCalendarClass
  class SteadyDragAndDropCalendar extends Base {
    private mergedFor: unknown = undefined
    private merged: unknown = undefined
    private contextFor: unknown[] = []
    private dndContext: { draggable: Record<string, unknown>; dragged: DraggedBooking } | undefined
    private readonly dragged = new DraggedBooking()
    override getDnDContextValue() {
      const p = this.props
      const inputs = [
        p['onDropFromOutside'],
        p['dragFromOutsideItem'],
        p['draggableAccessor'],
        p['resizableAccessor'],
      ]
      if (this.dndContext === undefined || inputs.some((v, i) => v !== this.contextFor[i])) {
        this.contextFor = inputs
        const draggable = super.getDnDContextValue().draggable
        // Always the state of now, not of the render that made this object.
        Object.defineProperty(draggable, 'dragAndDropAction', { get: () => this.state })
        this.dndContext = { draggable, dragged: this.dragged }
      }
      return this.dndContext
    }
    override componentDidUpdate(prevProps: Props, prevState: DnDState): void {
      super.componentDidUpdate?.(prevProps, prevState)
      if (
        prevState.event !== this.state.event ||
        prevState.interacting !== this.state.interacting
      ) {
        this.dragged.changed()
      }
      if (prevState.interacting && !this.state.interacting) swallowNextClick()
    }
    override render(): ReactElement {
      // <DnDContext.Provider value=…><Calendar … components={merged} /></DnDContext.Provider>
      const provider = super.render() as ReactElement<{ children: ReactElement<Props> }>
      const inner = provider.props.children
      if (this.merged === undefined || this.mergedFor !== this.props['components']) {
        this.mergedFor = this.props['components']
        const merged = inner.props['components'] as Record<string, unknown>
        const wrapper = merged['eventWrapper']
        const container = merged['eventContainerWrapper']
        // The addon's own classes; a caller's wrapper nested into one is left as the addon made it.
        this.merged = {
          ...merged,
          ...(isClass(wrapper) && { eventWrapper: steadyWrapper(wrapper as WrapperClass) }),
          ...(isClass(container) && {
            eventContainerWrapper: steadyContainer(container as ContainerClass),
          }),
        }
      }
      return cloneElement(provider, {}, cloneElement(inner, { components: this.merged }))
    }
  }
  return SteadyDragAndDropCalendar as unknown as T
}
