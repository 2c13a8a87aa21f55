import { describe, expect, it } from 'vitest'
import { formatCountdown, freeWhen, jobUrgency, punctualityTag, repairEventNote, repairStatusTag, waitRemainingMs } from './repairDisplay'

const at = Date.parse('2026-11-28T10:00:00Z')

describe('no-one-home countdown (MT-3.4)', () => {
  it('counts down from check-in plus the minimum wait', () => {
    expect(waitRemainingMs('2026-11-28T10:00:00Z', 5, at)).toBe(300_000)
    expect(waitRemainingMs('2026-11-28T10:00:00Z', 5, at + 299_500)).toBe(500)
    expect(waitRemainingMs('2026-11-28T10:00:00Z', 5, at + 300_000)).toBe(0)
    expect(waitRemainingMs('2026-11-28T10:00:00Z', 5, at + 900_000)).toBe(0)
    expect(waitRemainingMs('2026-11-28T10:00:00Z', 0, at)).toBe(0)
  })
  it('does not hold back a job without an arrival time', () => {
    expect(waitRemainingMs(null, 5, at)).toBe(0)
    expect(waitRemainingMs('not a time', 5, at)).toBe(0)
  })
  it('shows minutes and seconds, rounding part-seconds up', () => {
    expect(formatCountdown(300_000)).toBe('5:00')
    expect(formatCountdown(245_000)).toBe('4:05')
    expect(formatCountdown(500)).toBe('0:01')
    expect(formatCountdown(0)).toBe('0:00')
    expect(formatCountdown(-10)).toBe('0:00')
  })
})

describe('job urgency on the technician\u2019s list', () => {
  const job = (due: string, extra: object = {}) => ({ overdue: false, due_at: due, arrived_at: null, status: 'assigned' as const, ...extra })
  it('is overdue when the server says so or the due time has passed before arrival', () => {
    expect(jobUrgency(job('2026-11-28T11:00:00Z', { overdue: true }), at)).toBe('overdue')
    expect(jobUrgency(job('2026-11-28T09:59:00Z'), at)).toBe('overdue')
  })
  it('is soon within ten minutes of the due time', () => {
    expect(jobUrgency(job('2026-11-28T10:10:00Z'), at)).toBe('soon')
    expect(jobUrgency(job('2026-11-28T10:11:00Z'), at)).toBe('normal')
  })
  it('is no longer urgent once the technician is there', () => {
    expect(jobUrgency(job('2026-11-28T09:00:00Z', { arrived_at: '2026-11-28T09:10:00Z', status: 'on_site' }), at)).toBe('normal')
  })
})

describe('tags and notes', () => {
  it('colours statuses and punctuality', () => {
    expect(repairStatusTag('rebook').type).toBe('danger')
    expect(repairStatusTag('completed').type).toBe('success')
    expect(repairStatusTag('whatever').type).toBe('info')
    expect(punctualityTag('on_time')).toBe('success')
    expect(punctualityTag('late')).toBe('danger')
    expect(punctualityTag('early')).toBe('warning')
  })
  it('translates coded notes', () => {
    const messages: Record<string, string> = {
      'repairs.punctuality.late': '遲到',
      'repairs.modes.immediate': '即時',
      'repairs.channels.phone': '來電',
      'material.sources.resident': '住戶自備',
      'repair.waited': '等候 {n} 分鐘',
      'desk.outcomes.satisfied': '滿意',
      'notifications.kinds.repair_assigned': '新請修派工 {number}',
      'caseDetail.notifiedTo': '已通知 {n} 人：{what}',
    }
    const te = (k: string) => k in messages
    const t = (k: string, named?: Record<string, unknown>) =>
      (messages[k] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => String(named?.[n] ?? ''))
    expect(repairEventNote({ kind: 'checked_in', note: 'late' }, t, te)).toBe('遲到')
    expect(repairEventNote({ kind: 'return_visit', note: 'satisfied: 很好' }, t, te)).toBe('滿意: 很好')
    expect(repairEventNote({ kind: 'notified', note: 'repair_assigned ×1' }, t, te)).toBe('已通知 1 人：新請修派工')
    expect(repairEventNote({ kind: 'note', note: '自由文字' }, t, te)).toBe('自由文字')
    expect(repairEventNote({ kind: 'recorded', note: 'immediate' }, t, te)).toBe('即時')
    expect(repairEventNote({ kind: 'recorded', note: 'phone' }, t, te)).toBe('來電')
    expect(repairEventNote({ kind: 'no_one_home', note: '6 min: 按鐘無人應' }, t, te)).toBe('等候 6 分鐘: 按鐘無人應')
    expect(repairEventNote({ kind: 'no_one_home', note: '0 min' }, t, te)).toBe('等候 0 分鐘')
    expect(repairEventNote({ kind: 'material', note: 'resident: 水龍頭 — 生鏽' }, t, te)).toBe('住戶自備: 水龍頭 — 生鏽')
    expect(repairEventNote({ kind: 'note', note: '' }, t, te)).toBe('')
  })
})

describe('repair KPI rates', () => {
  const rate = (percent: number | null) => ({ numerator: 1, denominator: 2, percent })
  it('meets or misses a target, and has no state without one or with nothing due', async () => {
    const { repairRateState, repairChartValue } = await import('./repairDisplay')
    expect(repairRateState(rate(100), 100)).toBe('met')
    expect(repairRateState(rate(50), 60)).toBe('missed')
    expect(repairRateState(rate(50))).toBe('plain')
    expect(repairRateState(rate(null), 100)).toBe('none')
    expect(repairChartValue(rate(66.666))).toBe(66.7)
    expect(repairChartValue(rate(null))).toBeNull()
  })
})

describe('when a technician is next free (the picker)', () => {
  const now = Date.parse('2026-11-18T11:06:40Z')
  const sameDay = (a: number, b: number) => new Date(a + 8 * 3_600_000).toISOString().slice(0, 10) === new Date(b + 8 * 3_600_000).toISOString().slice(0, 10)
  it('now, within a minute\u2019s grace', () => {
    expect(freeWhen('2026-11-18T19:06:40+08:00', now, sameDay)).toBe('now')
    expect(freeWhen('2026-11-18T19:07:40+08:00', now, sameDay)).toBe('now')
    expect(freeWhen('not a time', now, sameDay)).toBe('now')
  })
  it('at a time today, or on a later day', () => {
    expect(freeWhen('2026-11-18T21:00:00+08:00', now, sameDay)).toBe('today')
    expect(freeWhen('2026-11-19T00:30:00+08:00', now, sameDay)).toBe('later')
  })
})
