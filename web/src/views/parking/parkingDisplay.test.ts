import { describe, expect, it } from 'vitest'
import type { GateEvent } from '@/api/parkingTypes'
import {
  cashDifference,
  decisionTag,
  differenceNeedsNote,
  durationText,
  hhmmToMinute,
  latestEvent,
  reasonText,
  minuteToHhmm,
  normalisePlate,
  shiftAt,
  shiftNow,
  stayMinutes,
  visitRemarks,
  visitStatusTag,
} from './parkingDisplay'

const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}${JSON.stringify(named)}` : key)
const te = () => true

describe('car park display', () => {
  it('colours statuses and decisions', () => {
    expect(visitStatusTag('held').type).toBe('danger')
    expect(visitStatusTag('exiting').type).toBe('warning')
    expect(visitStatusTag('refused').type).toBe('info')
    expect(decisionTag('open')).toBe('success')
    expect(decisionTag('hold')).toBe('warning')
    expect(decisionTag('refuse')).toBe('danger')
    expect(decisionTag('reconciled')).toBe('info')
  })

  it('names a decision\u2019s reason, both parts of a reconciled offline one', () => {
    expect(reasonText('free_period', t, te)).toBe('parking.reasons.free_period')
    expect(reasonText('open:visitor', t, te)).toBe('parking.decisions.open：parking.reasons.visitor')
    expect(reasonText('', t, te)).toBe('')
  })

  it('measures a stay to its exit, or to now while the car is inside', () => {
    const now = Date.parse('2026-12-01T12:00:00+08:00')
    expect(stayMinutes('2026-12-01T10:00:00+08:00', null, now)).toBe(120)
    expect(stayMinutes('2026-12-01T10:00:00+08:00', '2026-12-01T10:14:59+08:00', now)).toBe(14)
    expect(stayMinutes(null, null, now)).toBeNull()
    expect(durationText(125, t)).toBe('parking.hoursMinutes{"h":2,"m":5}')
    expect(durationText(9, t)).toBe('parking.minutesN{"n":9}')
    expect(durationText(null, t)).toBe('')
  })

  it('writes why a car went free or paid as a visitor into the remarks (PK-4, PK-6)', () => {
    const base = { free_category: null, approved_by: null, visitor_reason: '', remarks: '', refusal_reason: '', category: 'visitor' } as const
    // The server's remark names the category and the approver: said once.
    expect(visitRemarks({ ...base, free_category: 'approved', approved_by: { id: 3, name: '李經理' }, remarks: '領導批准免費（批准人：李經理）：業主親友' }, t, te)).toBe(
      '領導批准免費（批准人：李經理）：業主親友',
    )
    expect(visitRemarks({ ...base, free_category: 'approved', approved_by: { id: 3, name: '李經理' } }, t, te)).toBe('parking.freeCategories.approved（李經理）')
    expect(visitRemarks({ ...base, free_category: 'policy', category: 'military_police' } as never, t, te)).toBe(
      'parking.freeCategories.policy；parking.categories.military_police',
    )
    expect(visitRemarks({ ...base, free_category: 'free_period' }, t, te)).toBe('parking.freeCategories.free_period')
    expect(visitRemarks({ ...base, free_category: 'card', category: 'card' } as never, t, te)).toBe('')
    expect(visitRemarks({ ...base, visitor_reason: 'card_expired' }, t, te)).toBe('parking.visitorReasons.card_expired')
    expect(visitRemarks({ ...base, visitor_reason: 'no_card' }, t, te)).toBe('')
    expect(visitRemarks({ ...base, refusal_reason: 'dangerous_goods' }, t, te)).toBe('parking.reasons.dangerous_goods')
    expect(visitRemarks({ ...base, pass_lost_note: '司機稱遺失' }, t, te)).toBe('parking.passLostRemark{"note":"司機稱遺失"}')
  })

  it('turns a night window between minutes of the day and HH:MM', () => {
    expect(minuteToHhmm(1380)).toBe('23:00')
    expect(minuteToHhmm(420)).toBe('07:00')
    expect(minuteToHhmm(0)).toBe('00:00')
    expect(minuteToHhmm(1440)).toBe('00:00')
    expect(hhmmToMinute('23:00')).toBe(1380)
    expect(hhmmToMinute('7:05')).toBe(425)
    expect(hhmmToMinute('24:00')).toBeUndefined()
    expect(hhmmToMinute('12:60')).toBeUndefined()
    expect(hhmmToMinute('noon')).toBeUndefined()
  })

  it('knows the shift a time falls in, a night shift after midnight dated the day it began', () => {
    expect(shiftAt(7 * 60)).toBe('morning')
    expect(shiftAt(15 * 60 - 1)).toBe('morning')
    expect(shiftAt(15 * 60)).toBe('afternoon')
    expect(shiftAt(23 * 60)).toBe('night')
    expect(shiftAt(3 * 60)).toBe('night')
    const hk = 'Asia/Hong_Kong'
    expect(shiftNow(Date.parse('2026-12-02T02:30:00+08:00'), hk)).toEqual({ shift_date: '2026-12-01', shift: 'night' })
    expect(shiftNow(Date.parse('2026-12-02T23:30:00+08:00'), hk)).toEqual({ shift_date: '2026-12-02', shift: 'night' })
    expect(shiftNow(Date.parse('2026-12-02T08:00:00+08:00'), hk)).toEqual({ shift_date: '2026-12-02', shift: 'morning' })
  })

  it('asks for an explanation only when the counted cash differs (PK-11)', () => {
    expect(cashDifference(12000, 10000)).toBe(2000)
    expect(cashDifference(undefined, 10000)).toBeNull()
    expect(cashDifference(500, null)).toBeNull()
    expect(differenceNeedsNote(0, '')).toBe(false)
    expect(differenceNeedsNote(-500, ' ')).toBe(true)
    expect(differenceNeedsNote(-500, '找錯零錢')).toBe(false)
    expect(differenceNeedsNote(null, '')).toBe(false)
  })

  it('picks the newest camera event and tidies a typed plate', () => {
    const ev = (id: number, at: string) => ({ id, received_at: at }) as GateEvent
    expect(latestEvent([ev(1, '2026-12-01T10:00:00Z'), ev(3, '2026-12-01T10:05:00Z'), ev(2, '2026-12-01T10:05:00Z')])?.id).toBe(3)
    expect(latestEvent([])).toBeNull()
    expect(normalisePlate(' 粵b 12345 ')).toBe('粵B12345')
    expect(normalisePlate('粵B·54321')).toBe('粵B54321')
  })
})
