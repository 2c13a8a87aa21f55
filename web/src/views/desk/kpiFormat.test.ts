import { describe, expect, it } from 'vitest'
import { chartValue, daySeries, formatMinutes, formatPercent, NO_VALUE, rateState } from './kpiFormat'

const t = (k: string, named?: Record<string, unknown>) => `${k}:${JSON.stringify(named)}`

describe('KPI percentages (FD-I)', () => {
  it('show a missing rate as a dash, never as 0 %', () => {
    expect(formatPercent(null, 'zh-TW')).toBe(NO_VALUE)
    expect(formatPercent(undefined, 'en')).toBe(NO_VALUE)
    expect(formatPercent(Number.NaN, 'en')).toBe(NO_VALUE)
  })

  it('show at most one decimal', () => {
    expect(formatPercent(100, 'en')).toBe('100%')
    expect(formatPercent(200 / 3, 'en')).toBe('66.7%')
    expect(formatPercent(0, 'zh-TW')).toBe('0%')
  })

  it('tell met, missed and nothing-to-measure apart', () => {
    expect(rateState({ done: 1, due: 1, percent: 100, meets_target: true })).toBe('met')
    expect(rateState({ done: 1, due: 2, percent: 50, meets_target: false })).toBe('missed')
    expect(rateState({ done: 0, due: 0, percent: null, meets_target: true })).toBe('none')
  })

  it('leave a missing rate out of the chart rather than drawing zero', () => {
    expect(chartValue({ done: 0, due: 0, percent: null, meets_target: true })).toBeNull()
    expect(chartValue({ done: 2, due: 3, percent: 200 / 3, meets_target: false })).toBe(66.7)
  })
})

describe('step durations', () => {
  it('read as minutes, hours or days', () => {
    expect(formatMinutes(null, t)).toBe(NO_VALUE)
    expect(formatMinutes(0, t)).toBe('kpi.minutes:{"n":0}')
    expect(formatMinutes(125, t)).toBe('kpi.hoursMinutes:{"h":2,"m":5}')
    expect(formatMinutes(1600, t)).toBe('kpi.daysHours:{"d":1,"h":2}')
  })
})

describe('KPI days chart', () => {
  it('labels each day by month and day, one line per count', () => {
    const days = [
      { date: '2026-11-01', cases: 3 },
      { date: '2026-11-02', cases: 0 },
    ]
    expect(daySeries(days, [{ name: 'cases', value: (d) => d.cases, color: '#000' }])).toEqual({
      labels: ['11-01', '11-02'],
      series: [{ name: 'cases', values: [3, 0], color: '#000' }],
    })
  })
})
