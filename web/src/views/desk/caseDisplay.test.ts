import { describe, expect, it } from 'vitest'
import { CASE_STATUSES, type ReturnVisit } from '@/api/deskTypes'
import {
  categoryTag,
  eventNote,
  feedbackHistory,
  outcomeTag,
  reopenedNow,
  replyGiven,
  showsHandled,
  statusTag,
  visitResult,
  visitStatusTag,
} from './caseDisplay'

const messages: Record<string, string> = {
  'desk.channels.phone': '來電',
  'desk.responsibility.not_ours': '非本中心責任',
  'desk.outcomes.satisfied': '滿意',
  'desk.outcomes.unreachable': '未能聯絡',
  'desk.outcomes.not_satisfied': '不滿意',
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

const visit = (over: Partial<ReturnVisit>): ReturnVisit =>
  ({ outcome: null, attempts: 0, note: '', done_by: null, done_at: null, ...over }) as ReturnVisit
const at = (iso: string) => `@${iso}`

describe('rounds (FD-C)', () => {
  it('treat a reopened case being worked again as reopened, and its handling as history', () => {
    expect(reopenedNow({ status: 'dispatched', reopen_count: 1 })).toBe(true)
    expect(reopenedNow({ status: 'in_progress', reopen_count: 2 })).toBe(true)
    expect(reopenedNow({ status: 'completed', reopen_count: 1 })).toBe(false)
    expect(reopenedNow({ status: 'dispatched', reopen_count: 0 })).toBe(false)
    expect(showsHandled({ status: 'dispatched', handled_at: '2026-01-01T10:00:00+08:00' })).toBe(false)
    expect(showsHandled({ status: 'completed', handled_at: '2026-01-01T10:00:00+08:00' })).toBe(true)
    expect(showsHandled({ status: 'completed', handled_at: null })).toBe(false)
  })
})

describe('the reply the resident was given', () => {
  it('is the desk\u2019s reply when there is one', () => {
    expect(replyGiven({ reply: '會所 7:00 開放', return_visits: [] }, t, at)).toBe('會所 7:00 開放')
  })

  it('is otherwise the last return visit that reached the resident', () => {
    const visits = [
      visit({ outcome: 'not_satisfied', note: '仍漏', done_by: { id: 1, name: '黃前臺' }, done_at: 'T1' }),
      visit({ outcome: 'satisfied', done_by: { id: 1, name: '黃前臺' }, done_at: 'T2' }),
      visit({ outcome: 'unreachable', attempts: 2 }),
    ]
    expect(replyGiven({ reply: '', return_visits: visits }, t, at)).toBe('casePrint.visitReply(滿意 黃前臺 @T2)')
    expect(replyGiven({ reply: '', return_visits: visits.slice(0, 1) }, t, at)).toBe(
      'casePrint.visitReply(不滿意 黃前臺 @T1: 仍漏)',
    )
    expect(replyGiven({ reply: '', return_visits: [visits[2]!] }, t, at)).toBe('')
    expect(replyGiven({ reply: '', return_visits: [] }, t, at)).toBe('')
  })

  it('reads a visit\u2019s result as one line', () => {
    expect(visitResult(visit({ outcome: 'unreachable', attempts: 3, note: '無人接聽' }), t, at)).toBe(
      '未能聯絡 (returnVisits.attemptsN(3)): 無人接聽',
    )
    expect(visitResult(visit({}), t, at)).toBe('')
  })
})

describe('the feedback on the paper record', () => {
  const round = { number: 1, feedback: '換了喉管', reason: '仍漏' } as never
  it('is the feedback alone while there was one round', () => {
    expect(feedbackHistory({ feedback: '已處理', previous_rounds: [] }, t)).toBe('已處理')
  })
  it('keeps the earlier rounds, with the reason, before the round now on', () => {
    expect(feedbackHistory({ feedback: '重做防水', previous_rounds: [round] }, t)).toBe(
      'caseDetail.round(1)：換了喉管（caseDetail.roundReason：仍漏）\ncaseDetail.round(2)：重做防水',
    )
    expect(feedbackHistory({ feedback: '', previous_rounds: [round] }, t)).toBe(
      'caseDetail.round(1)：換了喉管（caseDetail.roundReason：仍漏）',
    )
  })
})
