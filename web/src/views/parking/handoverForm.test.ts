import { describe, expect, it } from 'vitest'
import { blankHandover, handoverBody, handoverMissing } from './handoverForm'

describe('the shift handover form (PK-11, FM-RW528)', () => {
  const shift = { shift_date: '2026-12-01', shift: 'morning' as const }

  it('needs the post and the cash counted, and an explanation when the cash differs', () => {
    const f = blankHandover(shift)
    expect(handoverMissing(f, 4000)).toBe('post')
    f.post = '入口 A'
    expect(handoverMissing(f, 4000)).toBe('cash_cents')
    f.cash_cents = 4000
    expect(handoverMissing(f, 4000)).toBeNull()
    f.cash_cents = 3500
    expect(handoverMissing(f, 4000)).toBe('difference_note')
    f.difference_note = '找錯零錢 HK$5'
    expect(handoverMissing(f, 4000)).toBeNull()
    // Before the system figure is known nothing can be said about a difference.
    expect(handoverMissing({ ...f, difference_note: '' }, null)).toBeNull()
  })

  it('sends the form trimmed, with the counts and the cash in cents', () => {
    const f = { ...blankHandover(shift, ' 入口 A '), radios: 2, keys: 3, cash_cents: 4000, duty_notes: ' 平安 ' }
    expect(handoverBody(f)).toEqual({
      shift_date: '2026-12-01',
      shift: 'morning',
      post: '入口 A',
      duty_notes: '平安',
      radios: 2,
      keys: 3,
      batons: 0,
      torches: 0,
      tickets: 0,
      cash_cents: 4000,
      difference_note: '',
      remarks: '',
    })
  })
})
