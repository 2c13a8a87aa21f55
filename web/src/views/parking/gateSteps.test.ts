import { describe, expect, it } from 'vitest'
import { blankLaneForm, blankVisitForm, entryBody, laneStepMissing, visitStepBody, visitStepMissing, visitSteps } from './gateSteps'

const stay = { fee_cents: 4000, paid_cents: 0, pass_no: 'P-0012', damage_note: '', goods_checked: true, goods_flag: '' as const }

describe('gate steps', () => {
  it('offers the fee only at the exit, and nothing on a held or finished stay (PK-5, PK-8)', () => {
    expect(visitSteps({ status: 'exiting', fee_cents: 4000, paid_cents: 0 })).toEqual(['pay', 'free', 'hold'])
    expect(visitSteps({ status: 'exiting', fee_cents: 0, paid_cents: 0 })).toEqual(['free', 'hold'])
    expect(visitSteps({ status: 'inside', fee_cents: 0, paid_cents: 0 })).toEqual(['free', 'hold', 'entry_check'])
    expect(visitSteps({ status: 'held', fee_cents: 4000, paid_cents: 0 })).toEqual([])
    expect(visitSteps({ status: 'exited', fee_cents: 4000, paid_cents: 4000 })).toEqual([])
  })

  it('prefills the fee due and expects the pass back when one was issued', () => {
    const f = blankVisitForm(stay)
    expect(f.amount_cents).toBe(4000)
    expect(f.pass_returned).toBe(true)
    expect(blankVisitForm({ ...stay, pass_no: null, paid_cents: 1000 })).toMatchObject({ amount_cents: 3000, pass_returned: false })
  })

  it('takes the fee with the method, a reference only when given (PK-5)', () => {
    const f = { ...blankVisitForm(stay), method: 'electronic' as const, reference: ' WX123 ' }
    expect(visitStepBody('pay', f)).toEqual({ method: 'electronic', amount_cents: 4000, reference: 'WX123', pass_returned: true })
    expect(visitStepBody('pay', blankVisitForm(stay))).toEqual({ method: 'cash', amount_cents: 4000, pass_returned: true })
    expect(visitStepMissing('pay', { ...f, amount_cents: undefined })).toBe('amount_cents')
  })

  it('lets a car go free only with a reason, and an approval names the manager (PK-6)', () => {
    const f = blankVisitForm(stay)
    expect(visitStepMissing('free', f)).toBe('reason')
    f.reason = '救護車'
    expect(visitStepMissing('free', f)).toBeNull()
    expect(visitStepBody('free', f)).toEqual({ category: 'policy', reason: '救護車', pass_returned: true })
    f.category = 'approved'
    expect(visitStepMissing('free', f)).toBe('approved_by')
    f.approved_by = 7
    expect(visitStepBody('free', f)).toEqual({ category: 'approved', approved_by: 7, reason: '救護車', pass_returned: true })
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
