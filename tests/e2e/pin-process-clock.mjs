/* global process */
// Loaded into a desk process by the e2e tests only (`node --import tsx --import THIS`): the
// desk's clock starts at the tests' pinned clinic time (PLINTH_TEST_CLOCK_OFFSET_MS from real
// time) like the browser's and the host's, so what the desk stamps ("as of 07:31") agrees
// with the screen. The same shift as clinic-clock.ts's pinBrowserClock.
const offset = Number(process.env.PLINTH_TEST_CLOCK_OFFSET_MS ?? 0)
if (offset) {
  const Native = Date
  const now = () => Native.now() + offset
  function Pinned(...args) {
    if (!new.target) return new Native(now()).toString()
    return Reflect.construct(Native, args.length ? args : [now()], new.target)
  }
  Pinned.prototype = Native.prototype
  Pinned.now = now
  Pinned.parse = Native.parse
  Pinned.UTC = Native.UTC
  globalThis.Date = Pinned
}
