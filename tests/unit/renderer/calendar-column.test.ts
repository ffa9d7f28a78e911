import { describe, expect, it } from 'vitest'
import { therapistOfColumn } from '../../../src/renderer/src/features/diary/calendar-column'

describe('the therapist a calendar column stands for', () => {
  it.each([
    [3, 3],
    ['12', 12],
  ])('a day-view column %j is therapist %i', (resource, id) =>
    expect(therapistOfColumn(resource)).toBe(id),
  )
  // react-big-calendar's placeholder resource in the week view is an empty object: that was
  // sent as therapistId 0 and every week-view drag was refused.
  it.each([[{}], [undefined], [null], [0], [-1], [NaN], [2.5], [''], ['0'], ['abc'], ['3x']])(
    '%j is no therapist',
    (resource) => expect(therapistOfColumn(resource)).toBeUndefined(),
  )
})
