import { describe, expect, it } from 'vitest'
import { blankHandover, handoverBody, handoverMissing, handoverStatusKey, maySign, mayTake } from './handoverForm'

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

describe('who signs a handover (PK-11, issue 13)', () => {
  const h = (taken: number | null, supervisor: number | null) => ({
    handed_by: { id: 1 },
    taken_by: taken ? { id: taken } : null,
    supervisor: supervisor ? { id: supervisor } : null,
  })

  it('lets the team lead sign without taking the shift over, before or after the next attendant', () => {
    expect(maySign(h(null, null), 9, true)).toBe(true)
    expect(maySign(h(2, null), 9, true)).toBe(true)
    expect(maySign(h(2, 9), 9, true)).toBe(false) // signed once
    expect(maySign(h(9, null), 9, true)).toBe(false) // took it over: someone else signs
    expect(maySign(h(null, null), 1, true)).toBe(false) // handed it over
    expect(maySign(h(null, null), 9, false)).toBe(false) // not a team lead
  })

  it('lets the next attendant take over, before or after the signature, and nobody else', () => {
    expect(mayTake(h(null, null), 2, true)).toBe(true)
    expect(mayTake(h(null, 9), 2, true)).toBe(true)
    expect(mayTake(h(null, 9), 9, true)).toBe(false) // the supervisor
    expect(mayTake(h(null, null), 1, true)).toBe(false) // the hander
    expect(mayTake(h(null, null), 9, false)).toBe(false) // the team lead is not the next attendant
    expect(mayTake(h(2, null), 3, true)).toBe(false) // taken already
  })

  it('says a handover signed before the take-over still waits for it', () => {
    expect(handoverStatusKey({ status: 'signed', taken_by: null })).toBe('signed_untaken')
    expect(handoverStatusKey({ status: 'signed', taken_by: { id: 2 } })).toBe('signed')
    expect(handoverStatusKey({ status: 'handed', taken_by: null })).toBe('handed')
  })
})
