import { describe, expect, it } from 'vitest'
import { param } from './useListFilters'

describe('list filter params', () => {
  it('reads a list, with its default when the address has none', () => {
    const p = param.list('dispatched,in_progress')
    expect(p.read(undefined)).toEqual(['dispatched', 'in_progress'])
    expect(p.read('')).toEqual([])
    expect(p.read('recorded,,completed')).toEqual(['recorded', 'completed'])
  })

  it('leaves a list equal to its default out of the address, and writes an emptied one', () => {
    const p = param.list('dispatched,in_progress')
    expect(p.write(['dispatched', 'in_progress'])).toBeUndefined()
    expect(p.write([])).toBe('')
    expect(param.list().write([])).toBeUndefined()
  })

  it('reads and writes ids, text and flags', () => {
    expect(param.id().read('12')).toBe(12)
    expect(param.id().read('x')).toBeUndefined()
    expect(param.id().write(undefined)).toBeUndefined()
    expect(param.id().write(12)).toBe('12')
    expect(param.text().read(['a'])).toBe('')
    expect(param.text().write('')).toBeUndefined()
    expect(param.flag().read('true')).toBe(true)
    expect(param.flag().write(false)).toBeUndefined()
  })
})
