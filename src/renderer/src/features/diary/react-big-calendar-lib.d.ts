// Declarations the DefinitelyTyped package lacks for react-big-calendar 1.20.

declare module 'react-big-calendar/lib/TimeGrid' {
  const TimeGrid: unknown
  export default TimeGrid
}

declare module 'react-big-calendar/lib/Week' {
  const Week: unknown
  export default Week
}
