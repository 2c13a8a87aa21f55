import { describe, expect, it } from 'vitest'
import { blankCaller, callerBody } from './caller'

describe('callerBody', () => {
  it('sends nothing for a blank caller', () => {
    expect(callerBody(blankCaller())).toEqual({})
  })

  it('sends the resident, unit, and trimmed name and phone', () => {
    const c = { ...blankCaller(), resident_id: 7, unit_id: 3, caller_name: ' 張志明 ', caller_phone: ' 91000111 ' }
    expect(callerBody(c)).toEqual({ unit_id: 3, resident_id: 7, caller_name: '張志明', caller_phone: '91000111' })
  })

  it('leaves out the resident of a visitor', () => {
    const c = { ...blankCaller(), kind: 'visitor' as const, resident_id: 7, caller_name: '訪客' }
    expect(callerBody(c)).toEqual({ caller_name: '訪客' })
  })
})
