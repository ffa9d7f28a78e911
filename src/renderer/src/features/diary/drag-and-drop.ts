import * as addon from 'react-big-calendar/lib/addons/dragAndDrop'
import type withDragAndDropType from 'react-big-calendar/lib/addons/dragAndDrop'

// The addon ships only as CommonJS with `exports.default`; depending on the bundler's interop
// the default import is the function or the module object holding it. Take whichever it is.
type Hoc = typeof withDragAndDropType
const candidate = addon as unknown as { default?: Hoc | { default?: Hoc } }
const inner = candidate.default
export const withDragAndDrop: Hoc =
  typeof inner === 'function' ? inner : (inner?.default ?? (addon as unknown as Hoc))

export type { EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop'
