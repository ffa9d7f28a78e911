/**
 * The therapist a calendar column stands for, or undefined when the view has no therapist
 * columns. Only the day view has one column per therapist; in the week and month views
 * react-big-calendar still hands drop and slot callbacks a resource: its own placeholder
 * (an empty object), which `Number()` turned into NaN and the request into `therapistId: 0`.
 * Accepts a positive whole number, or its string form; anything else is "no column".
 */
export function therapistOfColumn(resourceId: unknown): number | undefined {
  if (typeof resourceId === 'number') {
    return Number.isInteger(resourceId) && resourceId > 0 ? resourceId : undefined
  }
  if (typeof resourceId === 'string' && /^[1-9]\d*$/.test(resourceId)) return Number(resourceId)
  return undefined
}
