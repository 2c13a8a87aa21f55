import { describe, expect, it } from 'vitest'
import { auditDiff } from './auditDiff'

describe('auditDiff', () => {
  it('lists only the fields that changed, without bookkeeping', () => {
    const before = { id: 1, name: '第1座', floors: 20, version: 1, updated_at: 'a' }
    const after = { id: 1, name: '第一座', floors: 20, version: 2, updated_at: 'b' }
    expect(auditDiff(before, after)).toEqual([{ field: 'name', before: '第1座', after: '第一座' }])
  })

  it('shows what a record was created with', () => {
    const after = { id: 7, site_id: 1, name: 'A', phones: ['91234567'], email: '', created_at: 'x' }
    expect(auditDiff(null, after)).toEqual([
      { field: 'name', before: '—', after: 'A' },
      { field: 'phones', before: '—', after: '["91234567"]' },
    ])
  })

  it('compares lists and objects by value', () => {
    expect(auditDiff({ units: [{ unit_id: 1 }] }, { units: [{ unit_id: 1 }] })).toEqual([])
  })
})
