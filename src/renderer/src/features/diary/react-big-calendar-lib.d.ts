// Declarations the DefinitelyTyped package lacks for react-big-calendar 1.20.

declare module 'react-big-calendar/lib/TimeGrid' {
  const TimeGrid: unknown
  export default TimeGrid
}

declare module 'react-big-calendar/lib/Week' {
  const Week: unknown
  export default Week
}

declare module 'react-big-calendar/lib/Day' {
  const Day: unknown
  export default Day
}

declare module 'react-big-calendar/lib/DayColumn' {
  const DayColumn: unknown
  export default DayColumn
}
