// One rule for a client's tags, whether typed in the form or imported (issue #11 item 14).
import { describe, expect, it } from 'vitest'
import { splitTags } from '../../src/shared/clients/tags'
import { clientFormSchema } from '../../src/renderer/src/features/clients/client-form-schema'
import { mapRow } from '../../src/main/services/portability/import-rows'

const viaForm = (tags: string) =>
  clientFormSchema.parse({ firstName: 'Ann', lastName: 'Lee', mobile: '07911 123456', tags }).tags

function viaImport(tags: string) {
  const headers = ['First name', 'Last name', 'Mobile', 'Tags']
  const row = mapRow(
    headers,
    ['Ann', 'Lee', '07911 123456', tags],
    { firstName: 'First name', lastName: 'Last name', mobile: 'Mobile', tags: 'Tags' },
    new Map(headers.map((h, i) => [h, i])),
    new Date('2026-11-29T10:00:00Z'),
  )
  return row.client?.tags
}

describe('splitting tags', () => {
  it.each([
    ['Runner; Football', ['Runner', 'Football']],
    ['Runner, Football', ['Runner', 'Football']],
    ['Runner; Football, VIP | Club', ['Runner', 'Football', 'VIP', 'Club']],
    [' runner ,, Runner ; ', ['runner']],
    ['["Runner","Football"]', ['Runner', 'Football']],
    ['', []],
  ])('reads %j the same in the form and in an import', (typed, tags) => {
    expect(splitTags(typed)).toEqual(tags)
    expect(viaForm(typed)).toEqual(tags)
    expect(viaImport(typed)).toEqual(tags)
  })
})
