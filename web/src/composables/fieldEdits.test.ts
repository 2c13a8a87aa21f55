import { describe, expect, it } from 'vitest'
import { changedFields, fieldValues } from './fieldEdits'

describe('field edits', () => {
  it('names each value by its field, members of an object by their dotted path', () => {
    expect(fieldValues({ content: 'a', unit_id: undefined, deadline_hours: { repair: 48 } })).toEqual({
      content: '"a"',
      unit_id: 'null',
      deadline_hours: '{"repair":48}',
      'deadline_hours.repair': '48',
    })
  })

  it('finds the fields that changed, and only those', () => {
    const before = fieldValues({ content: '', caller_name: '', deadline_hours: { repair: 48, other: 24 } })
    const after = fieldValues({ content: '漏水', caller_name: '', deadline_hours: { repair: 24, other: 24 } })
    expect(changedFields(before, after).sort()).toEqual(['content', 'deadline_hours', 'deadline_hours.repair'])
    expect(changedFields(after, after)).toEqual([])
  })

  it('counts a value that appears or goes as a change', () => {
    expect(changedFields({ a: '1' }, { a: '1', b: '2' })).toEqual(['b'])
    expect(changedFields({ a: '1', b: '2' }, { a: '1' })).toEqual(['b'])
  })
})
