import { describe, expect, it } from 'vitest'
import { CASE_STATUSES } from '@/api/deskTypes'
import { categoryTag, eventNote, outcomeTag, statusTag, visitStatusTag } from './caseDisplay'

const messages: Record<string, string> = {
  'desk.channels.phone': '來電',
  'desk.responsibility.not_ours': '非本中心責任',
  'desk.outcomes.satisfied': '滿意',
  'desk.outcomes.unreachable': '未能聯絡',
  'desk.notified.case_dispatched': '部門',
}
const te = (k: string) => k in messages
const t = (k: string, named?: Record<string, unknown>) =>
  messages[k] ?? (named ? `${k}(${Object.values(named).join(',')})` : k)

describe('status tags', () => {
  it('give every status a colour; archived is grey, the department\u2019s work blue', () => {
    for (const s of CASE_STATUSES) expect(statusTag(s).type).toBeTruthy()
    expect(statusTag('archived')).toEqual({ type: 'info', effect: 'plain' })
    expect(statusTag('in_progress').type).toBe('primary')
    expect(statusTag('return_visited').type).toBe('success')
  })

  it('make complaints and unhappy return visits red', () => {
    expect(categoryTag('complaint')).toBe('danger')
    expect(categoryTag('inquiry')).toBe('info')
    expect(outcomeTag('not_satisfied')).toBe('danger')
    expect(outcomeTag(null)).toBe('info')
    expect(visitStatusTag('escalated')).toBe('danger')
    expect(visitStatusTag('done')).toBe('success')
  })
})

describe('timeline notes', () => {
  it('translate the codes the server writes', () => {
    expect(eventNote({ kind: 'recorded', note: 'phone' }, t, te)).toBe('來電')
    expect(eventNote({ kind: 'responsibility', note: 'not_ours' }, t, te)).toBe('非本中心責任')
    expect(eventNote({ kind: 'return_visit', note: 'satisfied' }, t, te)).toBe('滿意')
    expect(eventNote({ kind: 'return_visit', note: 'satisfied: 已修好' }, t, te)).toBe('滿意: 已修好')
    expect(eventNote({ kind: 'return_visit', note: 'unreachable #2: 無人接聽' }, t, te)).toBe(
      '未能聯絡 caseDetail.attempt(2): 無人接聽',
    )
    expect(eventNote({ kind: 'notified', note: 'case_dispatched ×3' }, t, te)).toBe('caseDetail.notifiedTo(部門,3)')
  })

  it('keep free text and unknown codes as written', () => {
    expect(eventNote({ kind: 'follow_up', note: 'satisfied' }, t, te)).toBe('satisfied')
    expect(eventNote({ kind: 'recorded', note: 'fax' }, t, te)).toBe('fax')
    expect(eventNote({ kind: 'notified', note: 'new_kind ×1' }, t, te)).toBe('caseDetail.notifiedTo(new_kind,1)')
    expect(eventNote({ kind: 'accepted', note: '' }, t, te)).toBe('')
  })
})
