import { describe, expect, it } from 'vitest'
import { blankLaneForm, blankVisitForm, entryBody, freeExitDone, laneStepMissing, visitStepBody, visitStepMissing, visitSteps } from './gateSteps'
import type { FreeRequest, Visit } from '@/api/parkingTypes'

const stay = { fee_cents: 4000, paid_cents: 0, pass_no: 'P-0012', damage_note: '', goods_checked: true, goods_flag: '' as const }

describe('gate steps', () => {
  it('offers the fee only at the exit, and nothing on a held or finished stay (PK-5, PK-8)', () => {
    expect(visitSteps({ status: 'exiting', fee_cents: 4000, paid_cents: 0 })).toEqual(['pay', 'free', 'hold'])
    expect(visitSteps({ status: 'exiting', fee_cents: 0, paid_cents: 0 })).toEqual(['free', 'hold'])
    expect(visitSteps({ status: 'inside', fee_cents: 0, paid_cents: 0 })).toEqual(['free', 'hold', 'entry_check'])
    expect(visitSteps({ status: 'held', fee_cents: 4000, paid_cents: 0 })).toEqual([])
    expect(visitSteps({ status: 'exited', fee_cents: 4000, paid_cents: 4000 })).toEqual([])
  })

  it('does not ask again for a free exit that waits for its decision; the driver may still pay (PK-6)', () => {
    expect(visitSteps({ status: 'exiting', fee_cents: 4000, paid_cents: 0, free_request: { status: 'pending' } })).toEqual(['pay', 'hold'])
    // A refused free exit is final: the fee is due, no second request (PK-6).
    expect(visitSteps({ status: 'exiting', fee_cents: 4000, paid_cents: 0, free_request: { status: 'refused' } })).toEqual(['pay', 'hold'])
    expect(visitSteps({ status: 'exiting', fee_cents: 4000, paid_cents: 0, free_request: { status: 'cancelled' } })).toEqual(['pay', 'free', 'hold'])
    expect(visitSteps({ status: 'exiting', fee_cents: 4000, paid_cents: 0, free_request: null })).toEqual(['pay', 'free', 'hold'])
  })

  it('prefills the fee due and does not assume the pass was handed back (PK-5)', () => {
    const f = blankVisitForm(stay)
    expect(f.amount_cents).toBe(4000)
    expect(f.pass_returned).toBe(false)
    expect(blankVisitForm({ ...stay, pass_no: null, paid_cents: 1000 })).toMatchObject({ amount_cents: 3000, pass_returned: false })
  })

  it('takes the fee with the method, a reference only when given, and the pass back or noted lost (PK-5)', () => {
    const f = { ...blankVisitForm(stay), method: 'electronic' as const, reference: ' WX123 ' }
    expect(visitStepMissing('pay', f, true)).toBe('pass_returned')
    expect(visitStepMissing('pay', f, false)).toBeNull()
    f.pass_returned = true
    expect(visitStepMissing('pay', f, true)).toBeNull()
    expect(visitStepBody('pay', f)).toEqual({ method: 'electronic', amount_cents: 4000, reference: 'WX123', pass_returned: true })
    const lost = { ...blankVisitForm(stay), pass_lost_note: '  ' }
    expect(visitStepMissing('pay', lost, true)).toBe('pass_returned')
    lost.pass_lost_note = ' 司機稱遺失 '
    expect(visitStepMissing('pay', lost, true)).toBeNull()
    expect(visitStepBody('pay', lost)).toEqual({ method: 'cash', amount_cents: 4000, pass_returned: false, pass_lost_note: '司機稱遺失' })
    expect(visitStepMissing('pay', { ...f, amount_cents: undefined })).toBe('amount_cents')
  })

  it('asks for a free exit with a reason and no approver named: the server routes it (PK-6)', () => {
    const f = { ...blankVisitForm(stay), pass_returned: true }
    expect(visitStepMissing('free', f, true)).toBe('reason')
    f.reason = '救護車'
    expect(visitStepMissing('free', f, true)).toBeNull()
    expect(visitStepBody('free', f)).toEqual({ category: 'policy', reason: '救護車', pass_returned: true })
    f.category = 'approved'
    expect(visitStepBody('free', f)).toEqual({ category: 'approved', reason: '救護車', pass_returned: true })
    expect(visitStepBody('free', f)).not.toHaveProperty('approved_by')
  })

  it('tells a free exit that left at once from one that waits for a decision', () => {
    const v = { id: 5, plate: '粵B1', status: 'exited' } as Visit
    expect(freeExitDone(v)).toEqual({ action: 'free', visit: v })
    const waiting = { ...v, status: 'exiting' } as Visit
    const r = { id: 9, status: 'pending' } as FreeRequest
    expect(freeExitDone({ visit: waiting, free_request: r })).toEqual({ action: 'free', visit: waiting, freeRequest: r })
  })

  it('holds a car with a note saying what does not match (PK-8)', () => {
    const f = blankVisitForm(stay)
    expect(visitStepMissing('hold', f)).toBe('note')
    f.hold_reason = 'no_card'
    expect(visitStepMissing('hold', f)).toBeNull()
    f.note = ' 司機與檔案不符 '
    expect(visitStepBody('hold', f)).toEqual({ reason: 'no_card', note: '司機與檔案不符' })
  })

  it('records an entry by hand only after the goods check (PK-1, PK-3)', () => {
    const f = blankLaneForm(3)
    expect(laneStepMissing('entry', f)).toBe('plate')
    f.plate = '粵b 12345'
    expect(laneStepMissing('entry', f)).toBe('goods_checked')
    f.goods_checked = true
    expect(laneStepMissing('entry', f)).toBeNull()
    f.method = 'card'
    expect(laneStepMissing('entry', f)).toBe('card_no')
    f.card_no = 'M-0001'
    f.goods_flag = 'flammable'
    expect(entryBody(f)).toEqual({ lane_id: 3, plate: '粵B12345', method: 'card', card_no: 'M-0001', damage_note: '', goods_checked: true, goods_flag: 'flammable' })
    expect(entryBody({ ...f, method: 'manual' })).not.toHaveProperty('card_no')
    expect(entryBody({ ...f, goods_flag: '' })).not.toHaveProperty('goods_flag')
  })

  it('opens a barrier or records an exit only at a chosen lane, the override with its reason', () => {
    expect(laneStepMissing('open', blankLaneForm())).toBe('lane_id')
    expect(laneStepMissing('open', blankLaneForm(2))).toBe('reason')
    expect(laneStepMissing('open', { ...blankLaneForm(2), reason: '道閘故障' })).toBeNull()
    expect(laneStepMissing('exit', { ...blankLaneForm(2), plate: '粵B00000' })).toBeNull()
  })
})
